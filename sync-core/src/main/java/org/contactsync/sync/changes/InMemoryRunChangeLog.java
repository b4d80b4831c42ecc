package org.contactsync.sync.changes;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.Page;

/**
 * A thread-safe {@link RunChangeLog} in memory, for a manager on in-memory stores and for previews. Besides pruning
 * by time it keeps the lists of at most {@code maxRuns} runs (the oldest go first), so memory stays bounded.
 */
public final class InMemoryRunChangeLog implements RunChangeLog {
    /** Runs kept unless the constructor says otherwise. */
    public static final int DEFAULT_MAX_RUNS = 100;
    /** Runs forgotten per {@link #prune} call at most, as the JDBC log does. */
    static final int PRUNE_RUNS_PER_CALL = 50;

    private final Clock clock;
    private final int maxRuns;
    /** By run id, in the order each run first appended. */
    private final Map<Long, Entry> runs = new LinkedHashMap<>();

    private static final class Entry {
        final List<ContactChange> changes = new ArrayList<>();
        long beyondCap;
        Instant lastWritten;
    }

    public InMemoryRunChangeLog() {
        this(Clock.systemUTC(), DEFAULT_MAX_RUNS);
    }

    /** With a clock of the caller's (tests move it to see pruning) and a bound on the runs kept. */
    public InMemoryRunChangeLog(Clock clock, int maxRuns) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("maxRuns must be at least 1, was " + maxRuns);
        }
        this.clock = clock;
        this.maxRuns = maxRuns;
    }

    @Override
    public synchronized void append(long runId, List<ContactChange> changes, int beyondCap) {
        if (beyondCap < 0) {
            throw new IllegalArgumentException("beyondCap must not be negative, was " + beyondCap);
        }
        Entry entry = runs.computeIfAbsent(runId, id -> new Entry());
        entry.changes.addAll(List.copyOf(changes));
        entry.beyondCap += beyondCap;
        entry.lastWritten = clock.instant();
        Iterator<Long> oldest = runs.keySet().iterator();
        while (runs.size() > maxRuns) {
            oldest.next();
            oldest.remove();
        }
    }

    @Override
    public synchronized RunChanges page(long runId, ContactChange.Kind kind, int limit, int offset) {
        Entry entry = runs.get(runId);
        if (entry == null) {
            return new RunChanges(new Page<>(List.of(), 0, limit, offset), 0);
        }
        List<ContactChange> matching = kind == null ? entry.changes
                : entry.changes.stream().filter(c -> c.kind() == kind).toList();
        int from = Math.min(offset, matching.size());
        int to = (int) Math.min(matching.size(), (long) from + limit);
        return new RunChanges(new Page<>(matching.subList(from, to), matching.size(), limit, offset),
                entry.beyondCap);
    }

    @Override
    public synchronized int prune(Instant before) {
        int pruned = 0;
        Iterator<Entry> it = runs.values().iterator();
        while (it.hasNext() && pruned < PRUNE_RUNS_PER_CALL) {
            if (it.next().lastWritten.isBefore(before)) {
                it.remove();
                pruned++;
            }
        }
        return pruned;
    }
}
