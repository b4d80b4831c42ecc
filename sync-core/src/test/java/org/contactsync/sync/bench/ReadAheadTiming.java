package org.contactsync.sync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.contactsync.contact.Contact;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.RecordingSyncContext;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;

/**
 * A quick side-by-side of full syncs with and without read-ahead into embedded Derby, from an engine that waits a
 * fixed time per page (as a remote source does). Not the project's benchmark (examples/benchmarks is): a check of
 * the core's pipeline alone. Run with the test classpath:
 * {@code java [-Drounds=3] -cp sync-core/target/classes:sync-core/target/test-classes:$(cat cp.txt)
 * org.contactsync.sync.bench.ReadAheadTiming [contacts] [pageSize] [latencyMs...]}, where cp.txt comes from
 * {@code mvn -o -q -pl sync-core dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
public final class ReadAheadTiming {
    private ReadAheadTiming() {
    }

    public static void main(String[] args) throws Exception {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<Integer> latencies = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            latencies.add(Integer.parseInt(args[i]));
        }
        if (latencies.isEmpty()) {
            latencies = List.of(0, 200);
        }
        List<Contact> people = TestContacts.people(contacts);
        // Warm-up: class loading, JIT, Derby's first database.
        fullSync(people, pageSize, 0, 1, "warmup");
        System.out.printf(Locale.ROOT, "%d contacts, pages of %d, Derby in memory, batch 500, median of %d%n",
                contacts, pageSize, Integer.getInteger("rounds", 3));
        System.out.printf(Locale.ROOT, "%-10s %12s %16s %16s %10s%n", "latency", "read alone", "readAhead=0",
                "readAhead=1", "speed-up");
        int rounds = Integer.getInteger("rounds", 3);
        int db = 0;
        for (int latency : latencies) {
            long read = readAlone(people, pageSize, latency);
            long[] sequential = new long[rounds];
            long[] pipelined = new long[rounds];
            // Interleaved, so a change in the machine's load hits both alike; medians reported.
            for (int r = 0; r < rounds; r++) {
                sequential[r] = fullSync(people, pageSize, latency, 0, "seq" + db);
                pipelined[r] = fullSync(people, pageSize, latency, 1, "pipe" + db++);
            }
            long seq = median(sequential);
            long pipe = median(pipelined);
            System.out.printf(Locale.ROOT, "%-10s %10d ms %11d ms %4.2fx %11d ms %4.2fx %9.2fx%n", latency + " ms",
                    read, seq, (double) seq / read, pipe, (double) pipe / read, (double) seq / pipe);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long readAlone(List<Contact> people, int pageSize, int latencyMs) throws Exception {
        long start = System.nanoTime();
        new PagedEngine(people, pageSize, latencyMs).sync(RecordingSyncContext.full());
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long fullSync(List<Contact> people, int pageSize, int latencyMs, int readAhead, String db)
            throws Exception {
        try (ContactSyncDatabase database = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("timing-" + db));
             SyncFixture sync = new SyncFixture(new PagedEngine(people, pageSize, latencyMs),
                     database.syncStateStore(), database.contactStore())) {
            SyncManager node = sync.newNode("timing", b -> b.readAhead(readAhead).batchSize(500)
                    .lease(Duration.ofMinutes(5)).heartbeatInterval(Duration.ofSeconds(10))
                    .progressSaveInterval(Duration.ofMillis(250)));
            long start = System.nanoTime();
            long id = node.trigger(SyncType.FULL).run().id();
            SyncRun run = node.await(id, Duration.ofMinutes(10)).orElseThrow();
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (run.status() != RunStatus.COMPLETED || run.stats().added() != people.size()) {
                throw new IllegalStateException("run did not complete: " + run);
            }
            return ms;
        }
    }

    /** Reports the contacts page by page, waiting {@code latencyMs} before each page as a remote source would. */
    private record PagedEngine(List<Contact> people, int pageSize, int latencyMs) implements SyncEngine {
        @Override
        public String name() {
            return "paged";
        }

        @Override
        public void sync(SyncContext context) throws Exception {
            for (int from = 0; from < people.size(); from += pageSize) {
                context.checkCancelled();
                if (latencyMs > 0) {
                    Thread.sleep(latencyMs);
                }
                for (Contact c : people.subList(from, Math.min(people.size(), from + pageSize))) {
                    context.upsert(c);
                }
                context.progress((from + pageSize) * 100 / people.size(), "page " + (from / pageSize + 1));
            }
        }
    }
}
