package org.contactsync.sync;

import java.util.List;
import java.util.Objects;

/**
 * How a run ended, as the core hands it to {@link SyncStateStore#finishRun}.
 *
 * @param status      COMPLETED, ERROR or CANCELLED
 * @param type        the type that actually ran
 * @param stats       final counts
 * @param error       message for people, or null
 * @param errorDetail technical detail, or null
 * @param sources     how each source the run reached ended, in the order they ran (stored with the run's end)
 */
public record RunOutcome(RunStatus status, SyncType type, SyncStats stats, String error, String errorDetail,
                         List<SourceOutcome> sources) {
    public RunOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(type, "type");
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("an outcome must be a final status");
        }
        stats = stats == null ? SyncStats.ZERO : stats;
        sources = sources == null ? List.of() : List.copyOf(sources);
        for (SourceOutcome s : sources) {
            if (s.status() == RunStatus.RUNNING) {
                throw new IllegalArgumentException("the outcome of source " + s.source() + " must be final");
            }
        }
    }

    /** An outcome without per-source outcomes. */
    public RunOutcome(RunStatus status, SyncType type, SyncStats stats, String error, String errorDetail) {
        this(status, type, stats, error, errorDetail, List.of());
    }

    RunOutcome withSources(List<SourceOutcome> outcomes) {
        return new RunOutcome(status, type, stats, error, errorDetail, outcomes);
    }
}
