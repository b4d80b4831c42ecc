package org.contactsync.sync;

/** The answer to {@link SyncManager#trigger}: a run was started, or one is already running (on any node). */
public sealed interface TriggerResult {
    SyncRun run();

    record Started(SyncRun run) implements TriggerResult {
    }

    record AlreadyRunning(SyncRun run) implements TriggerResult {
    }
}
