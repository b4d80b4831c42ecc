package org.contactsync.sync;

/** Who asked for a run. */
public enum SyncTrigger {
    MANUAL,
    SCHEDULED
}
