package org.contactsync.sync;

import java.util.concurrent.atomic.AtomicReference;

/** The counts of one read, added to from the reading and the writing thread; they only ever grow. */
final class StatsCounter {
    static final SyncStats ONE_UNCHANGED = new SyncStats(0, 0, 0, 1, 0);
    static final SyncStats ONE_ERROR = new SyncStats(0, 0, 0, 0, 1);

    private final AtomicReference<SyncStats> stats = new AtomicReference<>(SyncStats.ZERO);

    void add(SyncStats delta) {
        stats.accumulateAndGet(delta, SyncStats::plus);
    }

    SyncStats get() {
        return stats.get();
    }
}
