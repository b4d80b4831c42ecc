package org.contactsync.sync;

/**
 * The answer to {@link SyncManager#trigger}: a run was started, one is already running (on any node), or (scheduled
 * triggers only) another node already ran this interval.
 */
public sealed interface TriggerResult {
    SyncRun run();

    record Started(SyncRun run) implements TriggerResult {
    }

    record AlreadyRunning(SyncRun run) implements TriggerResult {
    }

    record NotDue(SyncRun run) implements TriggerResult {
    }
}
