package org.contactsync.jaxrs.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import org.contactsync.Page;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncInfo;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncState;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncStatus;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.changes.ContactChange;

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
     * values (cancelled and interrupted runs show as "error"); {@code state} tells them apart.
     */
    public record Status(@Schema(allowableValues = {"idle", "running", "completed", "error"}) String status,
                         int progress, String currentOperation, Stats stats, Instant startedAt,
                         Instant completedAt, String error, Long runId,
                         @Schema(allowableValues = {"idle", "running", "completed", "error", "cancelled",
                                 "interrupted"}) String state, String type,
                         String requestedType, String trigger, long durationMs, String errorDetail) {

        /** The same status without the ever-growing duration: what decides whether anything changed. */
        Status withoutDuration() {
            return new Status(status, progress, currentOperation, stats, startedAt, completedAt, error, runId, state,
                    type, requestedType, trigger, 0, errorDetail);
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

    public record Started(String message, String type, long runId, String requestedType) {
    }

    public record Cancelled(String message, long runId) {
    }

    /** One changed contact, in a preview and in a run's list; {@code source} names the configured source. */
    public record Change(@Schema(allowableValues = {"add", "update", "delete"}) String kind, String sourceId,
                         String displayName, String source) {
    }

    /** {@code truncated} (the seed's) says whether {@code beyond_cap} is more than 0. */
    public record Preview(String type, Stats stats, List<Change> changes, boolean truncated, long beyondCap) {
    }

    /**
     * {@code GET /runs/{id}/changes}: one page of the contacts a run changed, in the order written. {@code total}
     * counts the listed changes (of the asked kind); {@code beyond_cap} the changes of any kind the run made beyond
     * the per-run cap, counted but not listed.
     */
    public record RunChanges(long runId, List<Change> items, long total, int limit, int offset, long beyondCap) {
    }

    static Status status(SyncStatus s) {
        SyncRun run = s.run();
        if (run == null) {
            return new Status("idle", 0, null, Stats.of(SyncStats.ZERO), null, null, null, null, "idle", null, null,
                    null, 0, null);
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
                name(run.requestedType()), name(run.trigger()), duration.toMillis(), run.errorDetail());
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
        return new Preview(name(p.type()), Stats.of(p.stats()), changes, p.truncated(), p.beyondCap());
    }

    static RunChanges runChanges(long runId, org.contactsync.sync.changes.RunChanges c) {
        Page<ContactChange> page = c.page();
        return new RunChanges(runId, page.items().stream().map(SyncJson::change).toList(), page.total(),
                page.limit(), page.offset(), c.beyondCap());
    }

    private static Change change(ContactChange c) {
        return new Change(name(c.kind()), c.sourceId(), c.displayName(), c.source());
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
