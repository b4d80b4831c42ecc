package org.contactsync.sync;

import java.util.Objects;

/**
 * What one source did in a run: recorded RUNNING when the run reaches the source, and with how it ended once it
 * has. A run "included" a source when it has an outcome for it.
 *
 * @param source       the source's name
 * @param order        its place in the run (the configured order, 0 first)
 * @param engine       the engine's name ("google", "vcard", …)
 * @param type         the type that actually ran for this source (FULL when it had no cursor or its cursor expired)
 * @param status       RUNNING while the run reads it, then COMPLETED, ERROR, CANCELLED or INTERRUPTED
 * @param stats        what the run changed in this source's contacts
 * @param message      for people: why it failed, or the warning of a completed source that skipped contacts; or null
 * @param detail       technical detail, or null
 */
public record SourceOutcome(String source, int order, String engine, SyncType type, RunStatus status,
                            SyncStats stats, String message, String detail) {
    public SourceOutcome {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        stats = stats == null ? SyncStats.ZERO : stats;
    }

    /** A source the run has started to read. */
    static SourceOutcome started(SyncSource source, SyncType type) {
        return new SourceOutcome(source.name(), source.order(), source.engine().name(), type, RunStatus.RUNNING,
                SyncStats.ZERO, null, null);
    }

    SourceOutcome ended(SyncType ranAs, RunStatus endStatus, SyncStats endStats, String endMessage,
                        String endDetail) {
        return new SourceOutcome(source, order, engine, ranAs, endStatus, endStats, endMessage, endDetail);
    }
}
