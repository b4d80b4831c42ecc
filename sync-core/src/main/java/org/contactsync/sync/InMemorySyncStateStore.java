package org.contactsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.contactsync.Page;

/**
 * A real, thread-safe {@link SyncStateStore} in memory: for embedding in a single process and for fast tests. It
 * forgets everything on restart; use the JDBC store to keep history or to share one sync between instances.
 */
public final class InMemorySyncStateStore implements SyncStateStore {
    private final Clock clock;
    private final List<SyncRun> runs = new ArrayList<>();
    private final Map<Long, Instant> leases = new HashMap<>();
    private final Set<Long> cancelRequested = new HashSet<>();
    private final Map<String, String> cursors = new HashMap<>();
    /** Per run: each source's outcome by source name. */
    private final Map<Long, Map<String, SourceOutcome>> sourceOutcomes = new HashMap<>();
    private long nextId = 1;

    public InMemorySyncStateStore() {
        this(Clock.systemUTC());
    }

    /** With a clock of the caller's, so tests can move time to expire leases. */
    public InMemorySyncStateStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized OpenResult openRun(RunRequest request, String owner, Duration lease) {
        interruptExpiredRuns();
        Optional<SyncRun> active = runningRun();
        if (active.isPresent()) {
            return new OpenResult.Busy(active.get());
        }
        Instant now = now();
        if (request.minGapSinceLastScheduled() != null) {
            for (int i = runs.size() - 1; i >= 0; i--) {
                SyncRun r = runs.get(i);
                if (r.trigger() == SyncTrigger.SCHEDULED) {
                    if (r.startedAt().isAfter(now.minus(request.minGapSinceLastScheduled()))) {
                        return new OpenResult.NotDue(r);
                    }
                    break;
                }
            }
        }
        SyncRun run = new SyncRun(nextId++, request.type(), request.type(), request.trigger(), RunStatus.RUNNING, now,
                null, SyncStats.ZERO, 0, "Starting", null, null, owner);
        runs.add(run);
        leases.put(run.id(), now.plus(lease));
        return new OpenResult.Opened(run);
    }

    @Override
    public synchronized Heartbeat renewLease(long runId, String owner, Duration lease) {
        Optional<SyncRun> run = find(runId);
        boolean held = run.isPresent() && run.get().status() == RunStatus.RUNNING && owner.equals(run.get().owner());
        if (held) {
            leases.put(runId, now().plus(lease));
        }
        return new Heartbeat(held, cancelRequested.contains(runId));
    }

    @Override
    public synchronized boolean requestCancel(long runId) {
        Optional<SyncRun> run = find(runId);
        if (run.isEmpty() || run.get().status() != RunStatus.RUNNING) {
            return false;
        }
        cancelRequested.add(runId);
        return true;
    }

    @Override
    public synchronized void saveProgress(long runId, SyncType type, int percent, String currentOperation,
                                          SyncStats stats) {
        find(runId).filter(r -> r.status() == RunStatus.RUNNING)
                .ifPresent(r -> replace(r.withType(type).withProgress(percent, currentOperation, stats)));
    }

    @Override
    public synchronized void saveSourceOutcome(long runId, SourceOutcome outcome) {
        if (find(runId).filter(r -> r.status() == RunStatus.RUNNING).isPresent()) {
            sourceOutcomes.computeIfAbsent(runId, k -> new LinkedHashMap<>()).put(outcome.source(), outcome);
        }
    }

    @Override
    public synchronized Optional<SyncRun> finishRun(long runId, String owner, RunOutcome outcome) {
        Optional<SyncRun> run = find(runId);
        if (run.isEmpty() || run.get().status() != RunStatus.RUNNING || !owner.equals(run.get().owner())) {
            return Optional.empty();
        }
        SyncRun r = run.get();
        int percent = outcome.status() == RunStatus.COMPLETED ? 100 : r.percent();
        String op = switch (outcome.status()) {
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            default -> "Failed";
        };
        SyncRun finished = new SyncRun(r.id(), r.requestedType(), outcome.type(), r.trigger(), outcome.status(),
                r.startedAt(), now(), outcome.stats(), percent, op, outcome.error(), outcome.errorDetail(), r.owner());
        replace(finished);
        for (SourceOutcome s : outcome.sources()) {
            sourceOutcomes.computeIfAbsent(runId, k -> new LinkedHashMap<>()).put(s.source(), s);
        }
        leases.remove(runId);
        cancelRequested.remove(runId);
        return Optional.of(finished);
    }

    @Override
    public synchronized Optional<SyncRun> findRun(long runId) {
        return find(runId);
    }

    @Override
    public synchronized Optional<SyncRun> activeRun() {
        interruptExpiredRuns();
        return runningRun();
    }

    @Override
    public synchronized Optional<SyncRun> latestRun() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    @Override
    public synchronized Optional<SyncRun> lastCompletedRun() {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).status() == RunStatus.COMPLETED) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<SourceOutcome> sourceOutcomes(long runId) {
        List<SourceOutcome> list = new ArrayList<>(sourceOutcomes.getOrDefault(runId, Map.of()).values());
        list.sort(Comparator.comparingInt(SourceOutcome::order));
        return list;
    }

    @Override
    public synchronized Page<SyncRun> history(String source, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative, were " + limit + " and "
                    + offset);
        }
        List<SyncRun> matching = new ArrayList<>();
        for (int i = runs.size() - 1; i >= 0; i--) {
            SyncRun r = runs.get(i);
            if (source == null || sourceOutcomes.getOrDefault(r.id(), Map.of()).containsKey(source)) {
                matching.add(r);
            }
        }
        List<SyncRun> page = matching.subList(Math.min(offset, matching.size()),
                (int) Math.min(matching.size(), (long) offset + limit));
        return new Page<>(List.copyOf(page), matching.size(), limit, offset);
    }

    @Override
    public synchronized int interruptExpiredRuns() {
        Instant now = now();
        int n = 0;
        for (SyncRun r : List.copyOf(runs)) {
            Instant until = leases.get(r.id());
            if (r.status() == RunStatus.RUNNING && until != null && until.isBefore(now)) {
                replace(new SyncRun(r.id(), r.requestedType(), r.type(), r.trigger(), RunStatus.INTERRUPTED,
                        r.startedAt(), until, r.stats(), r.percent(), "Interrupted",
                        "The sync stopped unexpectedly: the server running it stopped responding. Run the sync again.",
                        "lease of " + r.owner() + " expired at " + until, r.owner()));
                leases.remove(r.id());
                sourceOutcomes.getOrDefault(r.id(), new HashMap<>()).replaceAll((name, s) -> s.status() == RunStatus.RUNNING
                        ? s.ended(s.type(), RunStatus.INTERRUPTED, s.stats(), null, null) : s);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized Optional<String> cursor(String key) {
        return Optional.ofNullable(cursors.get(key));
    }

    @Override
    public synchronized void saveCursor(String key, String cursor) {
        if (cursor == null) {
            cursors.remove(key);
        } else {
            cursors.put(key, cursor);
        }
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    private Optional<SyncRun> runningRun() {
        return runs.stream().filter(r -> r.status() == RunStatus.RUNNING).findFirst();
    }

    private Optional<SyncRun> find(long id) {
        return runs.stream().filter(r -> r.id() == id).findFirst();
    }

    private void replace(SyncRun run) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id() == run.id()) {
                runs.set(i, run);
                return;
            }
        }
    }
}
