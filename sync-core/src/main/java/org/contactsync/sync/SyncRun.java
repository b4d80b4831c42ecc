package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * One sync run, as stored.
 *
 * @param id               the store's id
 * @param requestedType    what was asked for
 * @param type             what actually ran (FULL when an incremental run found its cursor expired)
 * @param trigger          manual or scheduled
 * @param status           running or how it ended
 * @param startedAt        when it started (database clock for JDBC stores)
 * @param completedAt      when it ended; null while running
 * @param stats            counts so far (while running) or final
 * @param percent          0..100
 * @param currentOperation what it is doing now, for people ("Reading contacts: page 3 of 10")
 * @param error            a message a person can act on, or null
 * @param errorDetail      technical detail for the log and the folded-away part of the page, or null
 * @param owner            which node runs it
 */
public record SyncRun(
        long id,
        SyncType requestedType,
        SyncType type,
        SyncTrigger trigger,
        RunStatus status,
        Instant startedAt,
        Instant completedAt,
        SyncStats stats,
        int percent,
        String currentOperation,
        String error,
        String errorDetail,
        String owner) {

    public SyncRun {
        stats = stats == null ? SyncStats.ZERO : stats;
        percent = Math.max(0, Math.min(100, percent));
    }

    /** How long it ran (or has been running, measured to {@code now}). */
    public Duration duration(Instant now) {
        Instant end = completedAt != null ? completedAt : now;
        return startedAt == null || end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
    }

    /** Whether an incremental run was turned into a full one because its cursor had expired. */
    public boolean fellBackToFull() {
        return requestedType == SyncType.INCREMENTAL && type == SyncType.FULL;
    }

    public SyncRun withProgress(int newPercent, String operation, SyncStats newStats) {
        return new SyncRun(id, requestedType, type, trigger, status, startedAt, completedAt, newStats, newPercent,
                operation, error, errorDetail, owner);
    }

    public SyncRun withType(SyncType newType) {
        return new SyncRun(id, requestedType, newType, trigger, status, startedAt, completedAt, stats, percent,
                currentOperation, error, errorDetail, owner);
    }
}
