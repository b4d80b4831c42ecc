package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * What the sync is doing now: the active run, or the last run when none is active, or IDLE when there never was one.
 *
 * @param run the run shown, or null when IDLE
 */
public record SyncStatus(SyncState state, SyncRun run, Duration duration) {

    public static final SyncStatus IDLE = new SyncStatus(SyncState.IDLE, null, Duration.ZERO);

    public static SyncStatus of(SyncRun run, Instant now) {
        return new SyncStatus(SyncState.of(run.status()), run, run.duration(now));
    }

    public int percent() {
        return run == null ? 0 : run.percent();
    }

    public String currentOperation() {
        return run == null ? null : run.currentOperation();
    }

    public SyncStats stats() {
        return run == null ? SyncStats.ZERO : run.stats();
    }

    public String error() {
        return run == null ? null : run.error();
    }
}
