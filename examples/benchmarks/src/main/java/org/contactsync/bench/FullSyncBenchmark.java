package org.contactsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.JdbcGoogleTokenStore;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;

/**
 * Full sync of N contacts through the real Google client (google-api-services-people) from the People API emulator
 * (in a child JVM) into a fresh database, then incremental syncs of a few edits over that store. Wall time is
 * measured from {@link SyncManager#trigger} to the end of {@link SyncManager#await}.
 */
final class FullSyncBenchmark {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    /** One full sync. */
    record FullResult(BenchDatabase.Kind db, int contacts, long wallMillis, HeapSampler.Heap heap, SyncRun run) {
        double contactsPerSecond() {
            return wallMillis == 0 ? 0 : contacts * 1000.0 / wallMillis;
        }

        boolean ok() {
            return run.status() == RunStatus.COMPLETED && run.stats().added() == contacts;
        }
    }

    /** Incremental syncs of {@code changes} edits each over a store of {@code contacts}. */
    record IncrementalResult(BenchDatabase.Kind db, int contacts, int changes, List<Long> wallMillis, boolean ok) {
        long median() {
            List<Long> sorted = new ArrayList<>(wallMillis);
            sorted.sort(null);
            return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
        }

        long min() {
            return wallMillis.stream().mapToLong(Long::longValue).min().orElse(-1);
        }

        long max() {
            return wallMillis.stream().mapToLong(Long::longValue).max().orElse(-1);
        }
    }

    record Result(FullResult full, IncrementalResult incremental) {
    }

    private final Path workDir;
    private final HeapSampler heap;

    FullSyncBenchmark(Path workDir, HeapSampler heap) {
        this.workDir = workDir;
        this.heap = heap;
    }

    /**
     * @param changes          edits per incremental run
     * @param incrementalRuns  how many incremental runs to time (0: none)
     */
    Result run(BenchDatabase.Kind kind, int contacts, int changes, int incrementalRuns) throws Exception {
        try (RemoteEmulator google = RemoteEmulator.start();
             BenchDatabase database = BenchDatabase.open(kind, workDir, "n" + contacts)) {
            google.generate(contacts);
            GoogleSettings settings = google.settings().build();
            JdbcGoogleTokenStore tokens = new JdbcGoogleTokenStore(database.db().dataSource());
            google.connect(tokens, settings);
            try (SyncManager sync = SyncManager.builder()
                    .engine(new GooglePeopleSyncEngine(new GoogleAccount(settings, tokens)))
                    .contactStore(database.db().contactStore())
                    .stateStore(database.db().syncStateStore())
                    .build()) {
                heap.start();
                long t0 = System.nanoTime();
                SyncRun full = runAndWait(sync, SyncType.FULL);
                long wall = (System.nanoTime() - t0) / 1_000_000;
                FullResult fullResult = new FullResult(kind, contacts, wall, heap.stop(), full);

                List<Long> times = new ArrayList<>();
                boolean ok = true;
                for (int i = 0; i < incrementalRuns; i++) {
                    google.edit(changes);
                    long s = System.nanoTime();
                    SyncRun inc = runAndWait(sync, SyncType.INCREMENTAL);
                    times.add((System.nanoTime() - s) / 1_000_000);
                    ok &= inc.status() == RunStatus.COMPLETED && inc.type() == SyncType.INCREMENTAL
                            && inc.stats().updated() == changes;
                }
                return new Result(fullResult, new IncrementalResult(kind, contacts, changes, times, ok));
            }
        }
    }

    static SyncRun runAndWait(SyncManager sync, SyncType type) throws Exception {
        TriggerResult r = sync.trigger(type);
        if (!(r instanceof TriggerResult.Started started)) {
            throw new IllegalStateException("a sync was already running: " + r.run());
        }
        return sync.await(started.run().id(), RUN_TIMEOUT).orElseThrow();
    }
}
