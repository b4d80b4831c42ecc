package org.contactsync.sync;

import java.time.Duration;
import java.util.List;

import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.RunChangeLog;

/** What a manager was built with, as its runs need it. */
record RunSettings(List<SyncSource> sources, SyncStateStore stateStore, ContactStore contactStore, String nodeId,
                   Duration lease, Duration heartbeatInterval, Duration progressSaveInterval, int batchSize,
                   int readAhead, RunChangeLog changeLog, int changesPerRun, Duration changeRetention) {

    RunSettings {
        sources = List.copyOf(sources);
    }

    /** INCREMENTAL for a cursor engine that has no stored cursor yet runs as FULL. */
    SyncType effectiveType(SyncSource source, SyncType requested) {
        if (requested == SyncType.INCREMENTAL && source.engine().usesCursor()
                && stateStore.cursor(source.cursorKey()).isEmpty()) {
            return SyncType.FULL;
        }
        return requested;
    }

    /**
     * The type a run over {@code sources} shows: FULL when every source runs as FULL, else what was asked for (a
     * single source's run shows exactly its own type).
     */
    SyncType effectiveType(List<SyncSource> run, SyncType requested) {
        for (SyncSource s : run) {
            if (effectiveType(s, requested) != SyncType.FULL) {
                return requested;
            }
        }
        return run.isEmpty() ? requested : SyncType.FULL;
    }
}
