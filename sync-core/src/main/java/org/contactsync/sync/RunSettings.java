package org.contactsync.sync;

import java.time.Duration;

import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.RunChangeLog;

/** What a manager was built with, as its runs need it. */
record RunSettings(SyncEngine engine, SyncStateStore stateStore, ContactStore contactStore, String nodeId,
                   Duration lease, Duration heartbeatInterval, Duration progressSaveInterval, int batchSize,
                   int readAhead, RunChangeLog changeLog, int changesPerRun, Duration changeRetention) {

    /** INCREMENTAL for a cursor engine that has no stored cursor yet runs as FULL. */
    SyncType effectiveType(SyncType requested) {
        if (requested == SyncType.INCREMENTAL && engine.usesCursor() && stateStore.cursor(engine.name()).isEmpty()) {
            return SyncType.FULL;
        }
        return requested;
    }
}
