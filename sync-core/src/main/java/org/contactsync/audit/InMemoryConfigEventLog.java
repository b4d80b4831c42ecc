package org.contactsync.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.contactsync.Page;

/** {@link ConfigEventLog} in memory, for the embedded library and tests; lost on restart. */
public final class InMemoryConfigEventLog implements ConfigEventLog {
    private final Clock clock;
    private final List<ConfigEvent> events = new ArrayList<>();

    public InMemoryConfigEventLog() {
        this(Clock.systemUTC());
    }

    public InMemoryConfigEventLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized ConfigEvent record(ConfigEvent event) {
        ConfigEvent kept = event.at(clock.instant());
        events.add(kept);
        return kept;
    }

    @Override
    public synchronized Page<ConfigEvent> page(int limit, int offset) {
        List<ConfigEvent> newest = newestFirst();
        // Page refuses a negative limit or offset.
        int from = Math.max(0, Math.min(offset, newest.size()));
        int to = Math.max(from, Math.min(newest.size(), from + limit));
        return new Page<>(newest.subList(from, to), newest.size(), limit, offset);
    }

    @Override
    public synchronized Optional<ConfigEvent> latest(String kind, String source) {
        return newestFirst().stream().filter(e -> e.kind().equals(kind) && e.source().equals(source)).findFirst();
    }

    private List<ConfigEvent> newestFirst() {
        List<ConfigEvent> list = new ArrayList<>(events);
        // Recorded order breaks ties, like the database's ids.
        java.util.Collections.reverse(list);
        list.sort((a, b) -> b.at().compareTo(a.at()));
        return list;
    }
}
