package org.contactsync.sync.changes;

import java.time.Instant;
import java.util.List;

/**
 * Where each run's list of changed contacts is kept: appended by the core's write path after each batch it wrote,
 * read by the run-detail page and API, pruned after the retention time. The cap per run is the writer's to apply;
 * the log keeps what it is given. Implementations must be thread-safe.
 */
public interface RunChangeLog {

    /**
     * Appends one batch's changes to the run's list, after those listed before, and adds {@code beyondCap} to the
     * run's count of changes made but not listed.
     */
    void append(long runId, List<ContactChange> changes, int beyondCap);

    /**
     * One page of a run's listed changes, in the order appended; {@code kind} null for every kind. A run with no
     * changes (or an unknown or pruned one) has an empty page.
     */
    RunChanges page(long runId, ContactChange.Kind kind, int limit, int offset);

    /**
     * Forgets the changes of runs whose last change was appended before {@code before}: at most a bounded number of
     * runs per call (so a long backlog drains over several calls without one long transaction). Returns how many
     * runs it forgot.
     */
    int prune(Instant before);
}
