package org.contactsync.sync;

/** The state of one run. Every state but RUNNING is final. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    /** Failed; the run carries a message a person can act on. */
    ERROR,
    /** Stopped on request. */
    CANCELLED,
    /** Its node stopped heartbeating (process died) and the lease expired. */
    INTERRUPTED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
