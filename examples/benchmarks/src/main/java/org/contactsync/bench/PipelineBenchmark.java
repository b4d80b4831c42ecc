package org.contactsync.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncType;

/**
 * A full sync beside the cost of reading alone, for one database, size and page latency: the Google engine first
 * reads the whole address book from the emulator into a sink that discards it (no store, no comparison), then a
 * full sync (the same engine, core and database, with the manager's default read-ahead) fills an emptied database.
 * Both run back to back against the same emulator process, so the machine's load at that moment weighs on both.
 * With page latency 0, incremental syncs of a few edits over the filled store follow.
 *
 * <p>One emulator process per address-book size serves every run of that size (warm-ups, latencies, repeats,
 * databases), as Google's servers are warm for every client. A new emulator JVM per run was still compiling
 * during the full sync at 10k: it used 960 ms of CPU serving the full sync's pages against 370 ms for the same
 * pages read alone, while at 100k it used less (2,010 against 2,410 ms).
 */
final class PipelineBenchmark implements AutoCloseable {

    /**
     * @param readMillis  the engine reading every page into a sink that discards
     * @param readCpu     CPU time while reading alone: this JVM, the emulator's, the whole machine's (-1: unknown)
     * @param incremental incremental runs after the full sync (none with latency)
     */
    record Result(BenchDatabase.Kind db, int contacts, long latencyMillis, long readMillis, Cpu readCpu,
                  FullSyncBenchmark.FullResult full, FullSyncBenchmark.IncrementalResult incremental) {
        double ratio() {
            return readMillis == 0 ? 0 : (double) full.wallMillis() / readMillis;
        }
    }

    /**
     * The same case run several times, each into an emptied database: on 2 shared cores reading
     * alone took 175–400 ms for the same 10,000 contacts from one run to the next, so one pair decides nothing.
     */
    record Repeated(List<Result> runs) {
        Repeated {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("no run");
            }
            runs = List.copyOf(runs);
        }

        /** The run whose ratio is the median (of an even count, the higher of the two middle ones). */
        Result median() {
            List<Result> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingDouble(Result::ratio));
            return sorted.get(sorted.size() / 2);
        }

        /** Each run's ratio, in the order they ran. */
        String ratios() {
            return runs.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.ratio()))
                    .collect(Collectors.joining(", "));
        }
    }

    private final BenchDatabase.Opener databases;
    private final HeapSampler heap;
    /** By address-book size, for the part's whole life. */
    private final Map<Integer, RemoteEmulator> emulators = new HashMap<>();

    PipelineBenchmark(BenchDatabase.Opener databases, HeapSampler heap) {
        this.databases = databases;
        this.heap = heap;
    }

    @Override
    public void close() {
        emulators.values().forEach(RemoteEmulator::close);
        emulators.clear();
    }

    Result run(BenchDatabase.Kind kind, int contacts, long latencyMillis, int changes, int incrementalRuns)
            throws Exception {
        RemoteEmulator google = emulators.get(contacts);
        boolean cold = google == null;
        if (cold) {
            google = RemoteEmulator.start();
            emulators.put(contacts, google);
            google.generate(contacts);
        }
        try (BenchDatabase database = databases.open(kind, "p" + contacts + "l" + latencyMillis)) {
            google.pageLatency(latencyMillis);
            GoogleSettings settings = google.settings().build();
            google.connect(database.tokenStore(), settings);
            GooglePeopleSyncEngine engine = new GooglePeopleSyncEngine(new GoogleAccount(settings,
                    database.tokenStore()));

            if (cold) {
                // A new emulator JVM reads its whole address book once, untimed: cold, it took up to 1.6 times as
                // long.
                engine.sync(new DiscardingContext());
            }
            DiscardingContext sink = new DiscardingContext();
            long emulatorCpu = google.cpuNanos();
            long cpu = BenchMain.processCpuNanos();
            long machine = MachineCpu.busyMillis();
            long jit = BenchMain.jitMillis();
            long t0 = System.nanoTime();
            engine.sync(sink);
            long readMillis = (System.nanoTime() - t0) / 1_000_000;
            Cpu readCpu = new Cpu((BenchMain.processCpuNanos() - cpu) / 1_000_000,
                    (google.cpuNanos() - emulatorCpu) / 1_000_000, MachineCpu.since(machine),
                    BenchMain.jitMillis() - jit);
            if (sink.upserts != contacts) {
                throw new IllegalStateException("reading alone saw " + sink.upserts + " of " + contacts + " contacts");
            }

            SyncManager.Builder builder = SyncManager.builder()
                    .engine(engine)
                    .contactStore(database.contactStore())
                    .stateStore(database.stateStore());
            // To compare settings against the defaults: -Dbench.readAhead=N, -Dbench.batchSize=N.
            Integer readAhead = Integer.getInteger("bench.readAhead");
            Integer batchSize = Integer.getInteger("bench.batchSize");
            if (readAhead != null) {
                builder.readAhead(readAhead);
            }
            if (batchSize != null) {
                builder.batchSize(batchSize);
            }
            try (SyncManager sync = builder.build()) {
                FullSyncBenchmark.FullResult full = FullSyncBenchmark.timedFull(heap, google, kind, contacts, sync);
                int runs = latencyMillis == 0 ? incrementalRuns : 0;
                return new Result(kind, contacts, latencyMillis, readMillis, readCpu, full,
                        FullSyncBenchmark.incrementals(google, sync, kind, contacts, changes, runs));
            }
        }
    }

    /**
     * CPU time in milliseconds of the benchmark's JVM, the emulator's JVM and the whole machine, and the time the
     * benchmark JVM's JIT compilers spent compiling.
     */
    record Cpu(long syncJvm, long emulator, long machine, long jit) {
    }

    /** A full read that keeps nothing: what the engine and the source cost alone. */
    private static final class DiscardingContext implements SyncContext {
        private int upserts;

        @Override
        public SyncType type() {
            return SyncType.FULL;
        }

        @Override
        public Optional<String> cursor() {
            return Optional.empty();
        }

        @Override
        public void upsert(Contact contact) {
            upserts++;
        }

        @Override
        public void delete(String sourceId) {
        }

        @Override
        public void unchanged(String sourceId) {
        }

        @Override
        public void skipped(String sourceId, String reason) {
        }

        @Override
        public void progress(int percent, String currentOperation) {
        }

        @Override
        public void newCursor(String cursor) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Optional<String> storedContentHash(String sourceId) {
            return Optional.empty();
        }

        @Override
        public Set<String> storedSourceIds() {
            return Set.of();
        }
    }
}
