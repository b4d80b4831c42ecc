package org.contactsync.sync;

/** What the status shows: IDLE before any run, otherwise the state of the active or last run. */
public enum SyncState {
    IDLE,
    RUNNING,
    COMPLETED,
    ERROR,
    CANCELLED,
    INTERRUPTED;

    static SyncState of(RunStatus status) {
        return switch (status) {
            case RUNNING -> RUNNING;
            case COMPLETED -> COMPLETED;
            case ERROR -> ERROR;
            case CANCELLED -> CANCELLED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
