package org.contactsync.sync;

/** The answer of {@link SyncStateStore#openRun}: this caller got the run, or another run holds the lease. */
public sealed interface OpenResult {
    record Opened(SyncRun run) implements OpenResult {
    }

    record Busy(SyncRun activeRun) implements OpenResult {
    }
}
