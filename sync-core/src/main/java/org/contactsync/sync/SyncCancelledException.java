package org.contactsync.sync;

/** Thrown inside a run that was asked to stop. */
public class SyncCancelledException extends RuntimeException {
    public SyncCancelledException() {
        super("The sync was cancelled.");
    }
}
