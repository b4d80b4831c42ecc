package org.contactsync.sync.changes;

import org.contactsync.Page;

/**
 * One page of the changes a run listed, and how many more it made than it listed.
 *
 * @param page      the listed changes, in the order they were written; {@code total} counts the listed ones (of the
 *                  asked kind)
 * @param beyondCap changes of any kind the run made beyond the per-run cap: counted, not listed
 */
public record RunChanges(Page<ContactChange> page, long beyondCap) {
    public RunChanges {
        if (beyondCap < 0) {
            throw new IllegalArgumentException("beyondCap must not be negative, was " + beyondCap);
        }
    }
}
