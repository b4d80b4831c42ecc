package org.contactsync.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;

/**
 * A full sync beside the cost of reading alone, for one database, size and page latency: the Google engine first
 * reads the whole address book from the emulator into a sink that discards it (no store, no comparison), then a
 * full sync (the same engine, core and database, with the manager's default read-ahead) fills a fresh database.
 * Both run back to back against the same emulator process, so the machine's load at that moment weighs on both.
 * With page latency 0, incremental syncs of a few edits over the filled store follow.
 */
final class PipelineBenchmark {

    /**
     * @param readMillis  the engine reading every page into a sink that discards
     * @param incremental incremental runs after the full sync (none with latency)
     */
    record Result(BenchDatabase.Kind db, int contacts, long latencyMillis, long readMillis,
                  FullSyncBenchmark.FullResult full, FullSyncBenchmark.IncrementalResult incremental) {
        double ratio() {
            return readMillis == 0 ? 0 : (double) full.wallMillis() / readMillis;
        }
    }

    private final Path workDir;
    private final HeapSampler heap;

    PipelineBenchmark(Path workDir, HeapSampler heap) {
        this.workDir = workDir;
        this.heap = heap;
    }

    Result run(BenchDatabase.Kind kind, int contacts, long latencyMillis, int changes, int incrementalRuns)
            throws Exception {
        try (RemoteEmulator google = RemoteEmulator.start();
             BenchDatabase database = BenchDatabase.open(kind, workDir, "p" + contacts + "l" + latencyMillis)) {
            google.generate(contacts);
            google.pageLatency(latencyMillis);
            GoogleSettings settings = google.settings().build();
            google.connect(database.tokenStore(), settings);
            GooglePeopleSyncEngine engine = new GooglePeopleSyncEngine(new GoogleAccount(settings,
                    database.tokenStore()));

            DiscardingContext sink = new DiscardingContext();
            long t0 = System.nanoTime();
            engine.sync(sink);
            long readMillis = (System.nanoTime() - t0) / 1_000_000;
            if (sink.upserts != contacts) {
                throw new IllegalStateException("reading alone saw " + sink.upserts + " of " + contacts + " contacts");
            }

            try (SyncManager sync = SyncManager.builder()
                    .engine(engine)
                    .contactStore(database.contactStore())
                    .stateStore(database.stateStore())
                    .build()) {
                heap.start();
                long cpu = BenchMain.processCpuNanos();
                long emulatorCpu = google.cpuNanos();
                long t1 = System.nanoTime();
                SyncRun full = FullSyncBenchmark.runAndWait(sync, SyncType.FULL);
                long wall = (System.nanoTime() - t1) / 1_000_000;
                cpu = (BenchMain.processCpuNanos() - cpu) / 1_000_000;
                emulatorCpu = (google.cpuNanos() - emulatorCpu) / 1_000_000;
                FullSyncBenchmark.FullResult fullResult = new FullSyncBenchmark.FullResult(kind, contacts, wall, cpu,
                        emulatorCpu, heap.stop(), full);

                List<Long> times = new ArrayList<>();
                boolean ok = true;
                long incCpu = 0;
                int runs = latencyMillis == 0 ? incrementalRuns : 0;
                for (int i = 0; i < runs; i++) {
                    google.edit(changes);
                    long c = BenchMain.processCpuNanos();
                    long s = System.nanoTime();
                    SyncRun inc = FullSyncBenchmark.runAndWait(sync, SyncType.INCREMENTAL);
                    times.add((System.nanoTime() - s) / 1_000_000);
                    incCpu += BenchMain.processCpuNanos() - c;
                    ok &= inc.status() == RunStatus.COMPLETED && inc.type() == SyncType.INCREMENTAL
                            && inc.stats().updated() == changes;
                }
                return new Result(kind, contacts, latencyMillis, readMillis, fullResult,
                        new FullSyncBenchmark.IncrementalResult(kind, contacts, changes, times,
                                runs == 0 ? 0 : incCpu / runs / 1_000_000, ok));
            }
        }
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
