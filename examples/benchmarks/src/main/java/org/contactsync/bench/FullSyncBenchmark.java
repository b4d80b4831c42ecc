package org.contactsync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
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
    /**
     * @param cpuMillis         CPU time of the benchmark JVM (sync, database, GC, JIT) during the run
     * @param emulatorCpuMillis CPU time of the emulator JVM during the run (-1: no emulator)
     * @param machineCpuMillis  busy CPU time of the whole machine during the run, database server included (-1:
     *                          not on Linux)
     * @param jitMillis         time the sync JVM's JIT compilers spent compiling during the run
     * @param writerCpuMillis   CPU time of the core's writer thread during the run (-1: not on Linux): a full sync
     *                          cannot end sooner, however well reading and writing overlap
     */
    record FullResult(BenchDatabase.Kind db, int contacts, long wallMillis, long cpuMillis, long emulatorCpuMillis,
                      long machineCpuMillis, long jitMillis, long writerCpuMillis, HeapSampler.Heap heap,
                      SyncRun run) {
        double contactsPerSecond() {
            return wallMillis == 0 ? 0 : contacts * 1000.0 / wallMillis;
        }

        boolean ok() {
            return run.status() == RunStatus.COMPLETED && run.stats().added() == contacts;
        }
    }

    /** Incremental syncs of {@code changes} edits each over a store of {@code contacts}. */
    record IncrementalResult(BenchDatabase.Kind db, int contacts, int changes, List<Long> wallMillis, long cpuMillis,
                             boolean ok) {
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

    private final BenchDatabase.Opener databases;
    private final HeapSampler heap;

    FullSyncBenchmark(BenchDatabase.Opener databases, HeapSampler heap) {
        this.databases = databases;
        this.heap = heap;
    }

    /**
     * @param changes          edits per incremental run
     * @param incrementalRuns  how many incremental runs to time (0: none)
     */
    Result run(BenchDatabase.Kind kind, int contacts, int changes, int incrementalRuns) throws Exception {
        try (RemoteEmulator google = RemoteEmulator.start();
             BenchDatabase database = databases.open(kind, "n" + contacts)) {
            google.generate(contacts);
            GoogleSettings settings = google.settings().build();
            google.connect(database.tokenStore(), settings);
            try (SyncManager sync = SyncManager.builder()
                    .engine(new GooglePeopleSyncEngine(new GoogleAccount(settings, database.tokenStore())))
                    .contactStore(database.contactStore())
                    .stateStore(database.stateStore())
                    .build()) {
                FullResult fullResult = timedFull(heap, google, kind, contacts, sync);
                return new Result(fullResult, incrementals(google, sync, kind, contacts, changes, incrementalRuns));
            }
        }
    }

    /** One full sync through {@code sync}, with its wall and CPU time and heap. */
    static FullResult timedFull(HeapSampler heap, RemoteEmulator google, BenchDatabase.Kind kind, int contacts,
                                SyncManager sync) throws Exception {
        heap.start();
        long emulatorCpu = google.cpuNanos();
        long cpu = BenchMain.processCpuNanos();
        long machine = MachineCpu.busyMillis();
        long jit = BenchMain.jitMillis();
        Map<String, Long> threads = ThreadCpu.byKind();
        long t0 = System.nanoTime();
        SyncRun full = runAndWait(sync, SyncType.FULL);
        long wall = (System.nanoTime() - t0) / 1_000_000;
        machine = MachineCpu.since(machine);
        jit = BenchMain.jitMillis() - jit;
        Map<String, Long> byThread = ThreadCpu.since(threads);
        BenchMain.log("  CPU of the sync JVM's threads during the full sync: %s", ThreadCpu.describe(byThread));
        cpu = (BenchMain.processCpuNanos() - cpu) / 1_000_000;
        emulatorCpu = (google.cpuNanos() - emulatorCpu) / 1_000_000;
        return new FullResult(kind, contacts, wall, cpu, emulatorCpu, machine, jit, writerCpu(byThread), heap.stop(),
                full);
    }

    /** {@code runs} times: the emulator edits {@code changes} people, then an incremental sync. */
    static IncrementalResult incrementals(RemoteEmulator google, SyncManager sync, BenchDatabase.Kind kind,
                                          int contacts, int changes, int runs) throws Exception {
        List<Long> times = new ArrayList<>();
        boolean ok = true;
        long incCpu = 0;
        for (int i = 0; i < runs; i++) {
            google.edit(changes);
            long c = BenchMain.processCpuNanos();
            long s = System.nanoTime();
            SyncRun inc = runAndWait(sync, SyncType.INCREMENTAL);
            times.add((System.nanoTime() - s) / 1_000_000);
            incCpu += BenchMain.processCpuNanos() - c;
            ok &= inc.status() == RunStatus.COMPLETED && inc.type() == SyncType.INCREMENTAL
                    && inc.stats().updated() == changes;
        }
        return new IncrementalResult(kind, contacts, changes, times, runs == 0 ? 0 : incCpu / runs / 1_000_000, ok);
    }

    /**
     * The same full sync with made-up contacts from memory instead of the Google client: what the core and the
     * database cost without HTTP and JSON.
     */
    FullResult runGenerated(BenchDatabase.Kind kind, int contacts) throws Exception {
        try (BenchDatabase database = databases.open(kind, "g" + contacts);
             SyncManager sync = SyncManager.builder()
                     .engine(new GeneratedContactsEngine(contacts))
                     .contactStore(database.contactStore())
                     .stateStore(database.stateStore())
                     .build()) {
            heap.start();
            long cpu = BenchMain.processCpuNanos();
            long machine = MachineCpu.busyMillis();
            long jit = BenchMain.jitMillis();
            Map<String, Long> threads = ThreadCpu.byKind();
            long t0 = System.nanoTime();
            SyncRun full = runAndWait(sync, SyncType.FULL);
            long wall = (System.nanoTime() - t0) / 1_000_000;
            machine = MachineCpu.since(machine);
            jit = BenchMain.jitMillis() - jit;
            cpu = (BenchMain.processCpuNanos() - cpu) / 1_000_000;
            return new FullResult(kind, contacts, wall, cpu, -1, machine, jit, writerCpu(ThreadCpu.since(threads)),
                    heap.stop(), full);
        }
    }

    /** The core's writer thread ("contactsync-write", cut to Linux's 15 characters of a thread name). */
    private static long writerCpu(Map<String, Long> byThread) {
        return byThread.isEmpty() ? -1 : byThread.getOrDefault("contactsync-wri", 0L);
    }

    static SyncRun runAndWait(SyncManager sync, SyncType type) throws Exception {
        TriggerResult r = sync.trigger(type);
        if (!(r instanceof TriggerResult.Started started)) {
            throw new IllegalStateException("a sync was already running: " + r.run());
        }
        return sync.await(started.run().id(), RUN_TIMEOUT).orElseThrow();
    }
}
