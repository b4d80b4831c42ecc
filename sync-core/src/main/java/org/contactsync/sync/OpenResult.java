package org.contactsync.sync;

/** The answer of {@link SyncStateStore#openRun}: this caller got the run, another run holds the lease, or not due. */
public sealed interface OpenResult {
    record Opened(SyncRun run) implements OpenResult {
    }

    record Busy(SyncRun activeRun) implements OpenResult {
    }

    /** A scheduled run started within {@link RunRequest#minGapSinceLastScheduled()}: this interval already ran. */
    record NotDue(SyncRun lastScheduledRun) implements OpenResult {
    }
}
