package org.contactsync.sync;

/** FULL reads the whole source and removes what it no longer has; INCREMENTAL reads only changes since the cursor. */
public enum SyncType {
    FULL,
    INCREMENTAL
}
