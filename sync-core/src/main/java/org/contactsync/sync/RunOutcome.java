package org.contactsync.sync;

import java.util.Objects;

/**
 * How a run ended, as the core hands it to {@link SyncStateStore#finishRun}.
 *
 * @param status      COMPLETED, ERROR or CANCELLED
 * @param type        the type that actually ran
 * @param stats       final counts
 * @param error       message for people, or null
 * @param errorDetail technical detail, or null
 */
public record RunOutcome(RunStatus status, SyncType type, SyncStats stats, String error, String errorDetail) {
    public RunOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("an outcome must be a final status");
        }
        stats = stats == null ? SyncStats.ZERO : stats;
    }
}
