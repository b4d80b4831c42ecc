package org.contactsync.sync;

import java.util.List;

import org.contactsync.sync.changes.ContactChange;

/**
 * The result of a dry run: what a sync would change, without having changed anything.
 *
 * @param type      the type that would run
 * @param stats     the counts a real run would have
 * @param changes   the changes listed, as a run would list them: the first {@code changesPerRun} (the manager's cap);
 *                  {@code stats} has the full counts
 * @param beyondCap how many more changes there were than listed
 */
public record SyncPreview(SyncType type, SyncStats stats, List<ContactChange> changes, long beyondCap) {

    public SyncPreview {
        changes = List.copyOf(changes);
    }

    /** Whether there were more changes than listed. */
    public boolean truncated() {
        return beyondCap > 0;
    }
}
