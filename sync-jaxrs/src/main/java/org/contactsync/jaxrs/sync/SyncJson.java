package org.contactsync.jaxrs.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import org.contactsync.Page;
import org.contactsync.sync.PlannedChange;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SourceOutcome;
import org.contactsync.sync.SourceStatus;
import org.contactsync.sync.SyncInfo;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncState;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncStatus;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;

/**
 * The JSON shapes of {@code /api/sync}. Component names become snake_case fields; the seed's fields come first and
 * are never renamed or removed, later ones are additions.
 */
public final class SyncJson {
    private SyncJson() {
    }

    /** Counts of a run; the seed has added/updated/deleted. */
    public record Stats(int added, int updated, int deleted, int unchanged, int errors) {
        static Stats of(SyncStats s) {
            return new Stats(s.added(), s.updated(), s.deleted(), s.unchanged(), s.errors());
        }
    }

    /**
     * {@code GET /status}, each {@code status} event, and {@code GET /runs/{id}}. {@code status} is the seed's four
     * values (cancelled and interrupted runs show as "error"); {@code state} tells them apart. {@code sources} is
     * filled by {@code GET /runs/{id}} only (what each source did in the run), null elsewhere.
     */
    public record Status(@Schema(allowableValues = {"idle", "running", "completed", "error"}) String status,
                         int progress, String currentOperation, Stats stats, Instant startedAt,
                         Instant completedAt, String error, Long runId,
                         @Schema(allowableValues = {"idle", "running", "completed", "error", "cancelled",
                                 "interrupted"}) String state, String type,
                         String requestedType, String trigger, long durationMs, String errorDetail,
                         List<SourceRun> sources) {

        /** The same status without the ever-growing duration: what decides whether anything changed. */
        Status withoutDuration() {
            return new Status(status, progress, currentOperation, stats, startedAt, completedAt, error, runId, state,
                    type, requestedType, trigger, 0, errorDetail, sources);
        }

        /** The same status with what each source did in the run. */
        Status withSources(List<SourceRun> perSource) {
            return new Status(status, progress, currentOperation, stats, startedAt, completedAt, error, runId, state,
                    type, requestedType, trigger, durationMs, errorDetail, perSource);
        }

        boolean running() {
            return "running".equals(state);
        }
    }

    /** One entry of {@code GET /history}. */
    public record HistoryItem(long id, Instant startedAt, Instant completedAt,
                              @Schema(allowableValues = {"running", "completed", "error"}) String status,
                              int contactsAdded, int contactsUpdated, int contactsDeleted, String error,
                              long durationMs, int errors, String type, String trigger, int contactsUnchanged,
                              @Schema(allowableValues = {"running", "completed", "error", "cancelled",
                                      "interrupted"}) String state,
                              String requestedType) {
    }

    public record History(List<HistoryItem> history, long total, int limit, int offset) {
    }

    /**
     * {@code GET /info}; {@code sync_interval} is human-readable ("30m"), {@code sync_interval_seconds} exact;
     * {@code full_sync_interval} says how often a scheduled run is a full one (the same as {@code sync_interval}
     * when every scheduled run is full, null when none is).
     */
    public record Info(long totalContacts, Instant lastSync, String syncType, String syncInterval,
                       Long syncIntervalSeconds, Instant nextSync, String fullSyncInterval,
                       Long fullSyncIntervalSeconds) {
    }

    /** {@code source}: the one source the run syncs, or null when it syncs every source. */
    public record Started(String message, String type, long runId, String requestedType, String source) {
    }

    /**
     * What one source did in one run ({@code GET /runs/{id}}'s {@code sources}, a source's {@code last_run}).
     * {@code status} and {@code state} as in {@link Status}; {@code error} is the source's message for people (why
     * it failed, or the warning of a completed source that skipped contacts).
     */
    public record SourceRun(long runId, String source, int order, String engine,
                            @Schema(allowableValues = {"full", "incremental"}) String type,
                            @Schema(allowableValues = {"running", "completed", "error"}) String status,
                            @Schema(allowableValues = {"running", "completed", "error", "cancelled",
                                    "interrupted"}) String state,
                            Stats stats, String error, String errorDetail, Instant startedAt,
                            Instant completedAt) {
    }

    /**
     * One configured source ({@code GET /sources}): {@code type} is its engine ("google", "google-directory",
     * "carddav", "vcard", …); {@code has_cursor} whether its next incremental run continues from a stored cursor.
     * The rest is the latest run that included it: {@code state} how the source fared there ("idle" when no run
     * did, "running" while a run reads it), the run's id, the type the source ran as, its counts (zero when idle)
     * and its message for people.
     */
    public record Source(String name, String type, int order,
                         @Schema(allowableValues = {"idle", "running", "completed", "error", "cancelled",
                                 "interrupted"}) String state,
                         boolean hasCursor, Long lastRunId,
                         @Schema(allowableValues = {"full", "incremental"}) String lastRunType,
                         Instant lastRunStartedAt, Instant lastRunCompletedAt, Stats stats, String error,
                         String errorDetail) {
    }

    public record Sources(List<Source> sources) {
    }

    public record Cancelled(String message, long runId) {
    }

    public record Change(String kind, String sourceId, String displayName, String source) {
    }

    public record Preview(String type, Stats stats, List<Change> changes, boolean truncated) {
    }

    static Status status(SyncStatus s) {
        SyncRun run = s.run();
        if (run == null) {
            return new Status("idle", 0, null, Stats.of(SyncStats.ZERO), null, null, null, null, "idle", null, null,
                    null, 0, null, null);
        }
        return status(run, s.state(), s.duration());
    }

    static Status status(SyncRun run, Instant now) {
        return status(run, stateOf(run.status()), run.duration(now));
    }

    private static Status status(SyncRun run, SyncState state, Duration duration) {
        int progress = state == SyncState.COMPLETED ? 100 : run.percent();
        return new Status(seedStatus(state), progress, run.currentOperation(), Stats.of(run.stats()),
                run.startedAt(), run.completedAt(), errorOf(run), run.id(), name(state), name(run.type()),
                name(run.requestedType()), name(run.trigger()), duration.toMillis(), run.errorDetail(), null);
    }

    static SourceRun sourceRun(SyncRun run, SourceOutcome o) {
        SyncState state = stateOf(o.status());
        return new SourceRun(run.id(), o.source(), o.order(), o.engine(), name(o.type()), seedStatus(state),
                name(state), Stats.of(o.stats()), o.message(), o.detail(), run.startedAt(), run.completedAt());
    }

    static List<SourceRun> sourceRuns(SyncRun run, List<SourceOutcome> outcomes) {
        return outcomes.stream().map(o -> sourceRun(run, o)).toList();
    }

    static Source source(SourceStatus s) {
        SourceOutcome o = s.lastOutcome();
        SyncRun run = s.lastRun();
        if (o == null) {
            return new Source(s.source().name(), s.source().engine().name(), s.source().order(), "idle",
                    s.hasCursor(), null, null, null, null, Stats.of(SyncStats.ZERO), null, null);
        }
        return new Source(s.source().name(), s.source().engine().name(), s.source().order(),
                name(stateOf(o.status())), s.hasCursor(), run.id(), name(o.type()), run.startedAt(),
                run.completedAt(), Stats.of(o.stats()), o.message(), o.detail());
    }

    static HistoryItem historyItem(SyncRun run, Instant now) {
        SyncState state = stateOf(run.status());
        SyncStats s = run.stats();
        return new HistoryItem(run.id(), run.startedAt(), run.completedAt(), seedStatus(state), s.added(),
                s.updated(), s.deleted(), errorOf(run), run.duration(now).toMillis(), s.errors(), name(run.type()),
                name(run.trigger()), s.unchanged(), name(state), name(run.requestedType()));
    }

    static History history(Page<SyncRun> page, Instant now) {
        return new History(page.items().stream().map(r -> historyItem(r, now)).toList(), page.total(), page.limit(),
                page.offset());
    }

    static Info info(SyncInfo info) {
        Duration interval = info.interval();
        Duration full = info.fullInterval();
        return new Info(info.totalContacts(), info.lastSync(), info.automatic() ? "automatic" : "manual",
                interval == null ? null : humanDuration(interval), interval == null ? null : interval.toSeconds(),
                info.nextSync(), full == null ? null : humanDuration(full), full == null ? null : full.toSeconds());
    }

    static Preview preview(SyncPreview p) {
        List<Change> changes = p.changes().stream().map(SyncJson::change).toList();
        return new Preview(name(p.type()), Stats.of(p.stats()), changes, p.truncated());
    }

    private static Change change(PlannedChange c) {
        return new Change(c.kind().name().toLowerCase(Locale.ROOT), c.sourceId(), c.displayName(), c.source());
    }

    /** The seed knew idle, running, completed and error only. */
    static String seedStatus(SyncState state) {
        return switch (state) {
            case IDLE -> "idle";
            case RUNNING -> "running";
            case COMPLETED -> "completed";
            case ERROR, CANCELLED, INTERRUPTED -> "error";
        };
    }

    static SyncState stateOf(RunStatus status) {
        return switch (status) {
            case RUNNING -> SyncState.RUNNING;
            case COMPLETED -> SyncState.COMPLETED;
            case ERROR -> SyncState.ERROR;
            case CANCELLED -> SyncState.CANCELLED;
            case INTERRUPTED -> SyncState.INTERRUPTED;
        };
    }

    /** A run shown as "error" always carries a message, even when the store recorded none. */
    private static String errorOf(SyncRun run) {
        if (run.error() != null) {
            return run.error();
        }
        return switch (run.status()) {
            case CANCELLED -> "The sync was cancelled.";
            case INTERRUPTED -> "The sync was interrupted: the server running it stopped. Run the sync again.";
            case ERROR -> "The sync failed. The server log has the details.";
            default -> null;
        };
    }

    /** "45s", "30m", "1h30m", "1d" — the largest units that describe it exactly. */
    static String humanDuration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds <= 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            sb.append(days).append('d');
        }
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (secs > 0) {
            sb.append(secs).append('s');
        }
        return sb.toString();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String name(SyncType t) {
        return name((Enum<?>) t);
    }

    static String name(SyncTrigger t) {
        return name((Enum<?>) t);
    }
}
