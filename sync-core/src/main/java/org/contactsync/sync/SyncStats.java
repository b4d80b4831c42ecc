package org.contactsync.sync;

/**
 * What a run changed, counted by the core from what the engine reported (never by the engine itself).
 *
 * @param added     contacts new to the local copy
 * @param updated   contacts whose content changed
 * @param deleted   contacts removed from the local copy
 * @param unchanged contacts the source reported with the same content
 * @param errors    contacts the source reported but that could not be read (skipped)
 */
public record SyncStats(int added, int updated, int deleted, int unchanged, int errors) {
    public static final SyncStats ZERO = new SyncStats(0, 0, 0, 0, 0);

    public SyncStats plus(SyncStats o) {
        return new SyncStats(added + o.added, updated + o.updated, deleted + o.deleted, unchanged + o.unchanged,
                errors + o.errors);
    }

    /** What was counted since {@code earlier} (counts only grow within a run). */
    public SyncStats minus(SyncStats earlier) {
        return new SyncStats(added - earlier.added, updated - earlier.updated, deleted - earlier.deleted,
                unchanged - earlier.unchanged, errors - earlier.errors);
    }

    /** How many contacts the run has seen so far. */
    public int processed() {
        return added + updated + unchanged + errors;
    }
}
