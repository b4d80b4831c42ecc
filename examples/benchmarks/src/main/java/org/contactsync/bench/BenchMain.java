package org.contactsync.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the sync benchmarks and prints a Markdown report (also written to {@code --out}):
 *
 * <pre>
 * java -Xmx128m -cp ... org.contactsync.bench.BenchMain
 *     [--sizes 10000,100000] [--db derby,postgresql,memory] [--only pipeline,full,write,sse]
 *     [--latencies 0,400] [--changes 10] [--incremental-runs 5] [--warmup 100000] [--warmup-runs 6]
 *     [--repeats 3] [--sse-steps 40]
 *     [--out bench-results.md]
 * </pre>
 *
 * "pipeline" times, for each page latency of the People API emulator, the engine reading alone (into a sink that
 * discards) beside a full sync into a fresh database, then (latency 0) incremental syncs of {@code --changes} edits;
 * "full" times full syncs of each size and then incremental syncs of {@code --changes} edits over each store;
 * "write" times full syncs of generated contacts without the Google client (the core and database alone);
 * "sse" times live progress events. "memory" stands for the in-memory stores (the source's cost alone). PostgreSQL is skipped, with a note, when nothing answers on 127.0.0.1:5432.
 * The directory load test is a separate script (wrk.sh) because it needs a server that stays up.
 */
public final class BenchMain {
    /** Every option and its default. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("sizes", "10000,100000"), Map.entry("db", "derby,postgresql"),
            Map.entry("only", "pipeline,write,sse"), Map.entry("changes", "10"), Map.entry("incremental-runs", "5"),
            Map.entry("warmup", "100000"), Map.entry("warmup-runs", "6"), Map.entry("sse-steps", "40"),
            Map.entry("out", "bench-results.md"), Map.entry("work-dir", System.getProperty("java.io.tmpdir")),
            Map.entry("latencies", "0,400"), Map.entry("repeats", "3"));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args, DEFAULTS);
        String report = run(opts);
        Path out = Path.of(opts.get("out"));
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + out.toAbsolutePath() + ")");
        System.exit(0);
    }

    /** Runs what {@code opts} asks for and returns the report. */
    static String run(Map<String, String> opts) throws Exception {
        Set<String> only = new LinkedHashSet<>(Arrays.asList(opts.get("only").split(",")));
        int[] sizes = Arrays.stream(opts.get("sizes").split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
        List<BenchDatabase.Kind> dbs = new ArrayList<>();
        for (String d : opts.get("db").split(",")) {
            dbs.add(BenchDatabase.Kind.parse(d));
        }
        int changes = Integer.parseInt(opts.get("changes"));
        int incrementalRuns = Integer.parseInt(opts.get("incremental-runs"));
        int warmup = Integer.parseInt(opts.get("warmup"));
        int warmupRuns = Integer.parseInt(opts.get("warmup-runs"));
        Path work = Files.createTempDirectory(Path.of(opts.get("work-dir")), "contactsync-bench-");
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());
        }

        StringBuilder md = new StringBuilder();
        md.append(machine());
        List<String> notes = new ArrayList<>();
        try (HeapSampler heap = new HeapSampler(); BenchDatabase.Databases databases = new BenchDatabase.Databases(work)) {
            if (dbs.contains(BenchDatabase.Kind.POSTGRESQL) && !BenchDatabase.postgresAvailable()) {
                dbs.remove(BenchDatabase.Kind.POSTGRESQL);
                notes.add("PostgreSQL skipped: nothing answered at " + BenchDatabase.POSTGRES_URL);
            }
            FullSyncBenchmark bench = new FullSyncBenchmark(databases, heap);
            if (only.contains("pipeline")) {
                long[] latencies = Arrays.stream(opts.get("latencies").split(",")).map(String::strip)
                        .mapToLong(Long::parseLong).toArray();
                int repeats = Integer.parseInt(opts.get("repeats"));
                List<PipelineBenchmark.Repeated> results = new ArrayList<>();
                try (PipelineBenchmark pipeline = new PipelineBenchmark(databases, heap)) {
                    for (BenchDatabase.Kind db : dbs) {
                        for (int size : sizes) {
                            warmUp(pipeline, db, Math.min(warmup, size), warmupRuns, changes);
                        }
                        for (long latency : latencies) {
                            for (int size : sizes) {
                                results.add(repeated(pipeline, db, size, latency, repeats, changes,
                                        incrementalRuns));
                            }
                        }
                        databases.closeDerby();
                    }
                }
                md.append(pipelineTable(results));
                md.append(incrementalTable(results.stream().map(r -> r.median().incremental()).toList()));
            }
            if (only.contains("full")) {
                List<FullSyncBenchmark.Result> results = new ArrayList<>();
                for (BenchDatabase.Kind db : dbs) {
                    if (warmup > 0) {
                        // The first sync in a JVM also pays for class loading and JIT compilation (Derby generates
                        // and loads a class per statement); the tables show the steady state.
                        log("warm-up: full sync of %,d contacts into %s (not reported)", warmup, db.label());
                        bench.run(db, warmup, changes, 2);
                    }
                    for (int size : sizes) {
                        log("full sync of %,d contacts into %s, then %d incremental runs of %d changes", size,
                                db.label(), incrementalRuns, changes);
                        FullSyncBenchmark.Result r = bench.run(db, size, changes, incrementalRuns);
                        results.add(r);
                        log("  full: %,d ms (%,.0f contacts/s), peak heap %d MB, after GC %d MB, %s; incremental "
                                        + "median %d ms", r.full().wallMillis(), r.full().contactsPerSecond(),
                                r.full().heap().peakUsedMb(), r.full().heap().peakAfterGcMb(),
                                r.full().run().status(), r.incremental().median());
                    }
                    databases.closeDerby();
                }
                md.append(fullTable("Full sync (Google client → emulator → database)",
                        results.stream().map(FullSyncBenchmark.Result::full).toList(), true));
                md.append(incrementalTable(results.stream().map(FullSyncBenchmark.Result::incremental).toList()));
            }
            if (only.contains("write")) {
                List<FullSyncBenchmark.FullResult> results = new ArrayList<>();
                for (BenchDatabase.Kind db : dbs) {
                    for (int size : sizes) {
                        log("full sync of %,d generated contacts (no Google client) into %s", size, db.label());
                        FullSyncBenchmark.FullResult r = bench.runGenerated(db, size);
                        results.add(r);
                        log("  %,d ms (%,.0f contacts/s), peak heap %d MB", r.wallMillis(), r.contactsPerSecond(),
                                r.heap().peakUsedMb());
                    }
                    databases.closeDerby();
                }
                md.append(fullTable("Core and database only (generated contacts, no HTTP or JSON)", results,
                        false));
            }
            if (only.contains("sse")) {
                int steps = Integer.parseInt(opts.get("sse-steps"));
                log("live progress latency: %d progress steps, 150 ms apart and 10 ms apart", steps);
                md.append(sseTable(new SseLatencyBenchmark().run(steps, 150, 10)));
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        md.append(String.format(Locale.ROOT, "%nLoad average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        notes.forEach(n -> md.append("\nNote: ").append(n).append('\n'));
        return md.toString();
    }

    private static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "## Benchmark run %s%n%n- %s %s, %d CPUs, load average at start %.2f%n"
                        + "- Java %s (%s), max heap %d MB, GC %s%n%n", Instant.now(), os.getName(), os.getArch(),
                os.getAvailableProcessors(), os.getSystemLoadAverage(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20,
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(g -> g.getName()).toList()));
    }

    private static String fullTable(String title, List<FullSyncBenchmark.FullResult> results, boolean targets) {
        StringBuilder sb = new StringBuilder("### " + title + "\n\n"
                + "| database | contacts | wall time | contacts/s | CPU: sync JVM | CPU: emulator | peak heap used "
                + "| peak heap after GC | GCs (ms) | result | target |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (FullSyncBenchmark.FullResult f : results) {
            String target = !targets ? "" : f.contacts() == 10_000 ? (f.wallMillis() < 3_000 ? "< 3 s: met" : "< 3 s: MISSED by "
                    + (f.wallMillis() - 3_000) + " ms")
                    : f.contacts() == 100_000 ? ("completes in " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB heap: " + (f.ok() ? "met" : "MISSED")) : "";
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %,d ms | %,.0f | %,d ms | %s | %d MB | %d MB | %d (%d) "
                            + "| %s | %s |%n",
                    f.db().label(), f.contacts(), f.wallMillis(), f.contactsPerSecond(), f.cpuMillis(),
                    f.emulatorCpuMillis() < 0 ? "–" : String.format(Locale.ROOT, "%,d ms", f.emulatorCpuMillis()),
                    f.heap().peakUsedMb(),
                    f.heap().peakAfterGcMb(), f.heap().gcCount(), f.heap().gcMillis(),
                    f.ok() ? "completed, " + f.run().stats().added() + " added"
                            : f.run().status() + ": " + f.run().error(), target));
        }
        return sb.append('\n').toString();
    }

    /**
     * The issue-15 targets, each marked met or missed with the measured numbers: a row per case, the run with the
     * median ratio, beside every run's ratio.
     */
    private static String pipelineTable(List<PipelineBenchmark.Repeated> cases) {
        StringBuilder sb = new StringBuilder("### Full sync beside reading alone (Google client → emulator → "
                + "database, pages of 1,000)\n\n"
                + "| database | contacts | page latency | read alone | full sync | full ÷ read (median run) "
                + "| every run's ratio | target | writer thread CPU | writer CPU ÷ read "
                + "| CPU read alone: sync JVM / emulator / machine | CPU full sync: sync JVM / emulator / machine "
                + "| JIT: read / full | peak heap used | result |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|\n");
        long maxHeapMb = Runtime.getRuntime().maxMemory() >> 20;
        for (PipelineBenchmark.Repeated c : cases) {
            PipelineBenchmark.Result r = c.median();
            FullSyncBenchmark.FullResult f = r.full();
            List<String> targets = new ArrayList<>();
            double limit = r.latencyMillis() > 0 ? 1.1 : r.db() == BenchDatabase.Kind.DERBY ? 2.0 : 1.5;
            targets.add(String.format(Locale.ROOT, "≤ %.1f × read: %s", limit, r.ratio() <= limit ? "met" : "MISSED"));
            if (r.db() == BenchDatabase.Kind.DERBY && r.contacts() == 10_000 && r.latencyMillis() == 0) {
                targets.add("≤ 1.5 s: " + (f.wallMillis() <= 1_500 ? "met" : "MISSED"));
            }
            if (r.contacts() == 100_000) {
                targets.add("completes in " + maxHeapMb + " MB heap: " + (f.ok() ? "met" : "MISSED"));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %d ms | %,d ms | %,d ms | %.2f | %s | %s | %s | %s | %s "
                            + "| %s | %,d / %,d ms | %d MB | %s |%n", r.db().label(), r.contacts(), r.latencyMillis(),
                    r.readMillis(), f.wallMillis(), r.ratio(), c.ratios(), String.join("; ", targets),
                    f.writerCpuMillis() < 0 ? "–" : String.format(Locale.ROOT, "%,d ms", f.writerCpuMillis()),
                    f.writerCpuMillis() < 0 || r.readMillis() == 0 ? "–"
                            : String.format(Locale.ROOT, "%.2f", (double) f.writerCpuMillis() / r.readMillis()),
                    cpu(r.readCpu().syncJvm(), r.readCpu().emulator(), r.readCpu().machine()),
                    cpu(f.cpuMillis(), f.emulatorCpuMillis(), f.machineCpuMillis()), r.readCpu().jit(), f.jitMillis(),
                    f.heap().peakUsedMb(),
                    f.ok() ? "completed, " + f.run().stats().added() + " added"
                            : f.run().status() + ": " + f.run().error()));
        }
        return sb.append('\n').toString();
    }

    /** One case of the pipeline part, {@code repeats} times. */
    private static PipelineBenchmark.Repeated repeated(PipelineBenchmark pipeline, BenchDatabase.Kind db, int size,
                                                       long latency, int repeats, int changes, int incrementalRuns)
            throws Exception {
        List<PipelineBenchmark.Result> runs = new ArrayList<>();
        for (int i = 1; i <= repeats; i++) {
            log("%,d contacts, %d ms per page, %s, run %d of %d: reading alone, then a full sync", size, latency,
                    db.label(), i, repeats);
            PipelineBenchmark.Result r = pipeline.run(db, size, latency, changes, incrementalRuns);
            runs.add(r);
            log("  read alone %,d ms, full sync %,d ms (%.2f x), writer thread %,d ms CPU, peak heap %d MB, %s",
                    r.readMillis(), r.full().wallMillis(), r.ratio(), r.full().writerCpuMillis(),
                    r.full().heap().peakUsedMb(), r.full().run().status());
        }
        return new PipelineBenchmark.Repeated(runs);
    }

    /**
     * Full syncs of {@code contacts} into {@code db} until the JIT compilers are quiet: on 2 cores the C2 compiler
     * works through Derby's, the JDBC driver's and the Google client's hot code for tens of seconds, and while it
     * does it takes a core from the sync (measured: 2.6 s of C2 CPU during a 5.6 s PostgreSQL full sync of 100k
     * after one warm-up of 10k). A warm-up counts as quiet when its full sync spent under a tenth of its wall time
     * compiling; at most {@code maxRuns} warm-ups.
     */
    private static void warmUp(PipelineBenchmark pipeline, BenchDatabase.Kind db, int contacts, int maxRuns,
                               int changes) throws Exception {
        for (int i = 1; contacts > 0 && i <= maxRuns; i++) {
            PipelineBenchmark.Result r = pipeline.run(db, contacts, 0, changes, 1);
            log("warm-up %d: full sync of %,d contacts into %s (not reported): %,d ms, JIT %,d ms", i, contacts,
                    db.label(), r.full().wallMillis(), r.full().jitMillis());
            if (r.full().jitMillis() * 10 < r.full().wallMillis()) {
                return;
            }
        }
    }

    /** Time this JVM's JIT compilers spent compiling so far, in milliseconds. */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static String cpu(long syncJvm, long emulator, long machine) {
        return String.format(Locale.ROOT, "%,d / %s / %s ms", syncJvm, emulator < 0 ? "–" : String.format(Locale.ROOT, "%,d", emulator),
                machine < 0 ? "–" : String.format(Locale.ROOT, "%,d", machine));
    }

    private static String incrementalTable(List<FullSyncBenchmark.IncrementalResult> results) {
        StringBuilder sb = new StringBuilder("### Incremental sync (edits since the last sync token)\n\n"
                + "| database | store size | changes | runs | median | min | max | CPU per run | result | target |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (FullSyncBenchmark.IncrementalResult i : results) {
            if (i.wallMillis().isEmpty()) {
                continue;
            }
            String target = i.contacts() == 100_000 ? (i.median() <= 200 ? "≤ 200 ms: met"
                    : "≤ 200 ms: MISSED by " + (i.median() - 200) + " ms") : "";
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %d | %d | %d ms | %d ms | %d ms | %d ms | %s | %s |%n",
                    i.db().label(), i.contacts(), i.changes(), i.wallMillis().size(), i.median(), i.min(), i.max(),
                    i.cpuMillis(),
                    i.ok() ? "each updated " + i.changes() : "WRONG RESULT", target));
        }
        return sb.append('\n').toString();
    }

    private static String sseTable(List<SseLatencyBenchmark.Result> results) {
        StringBuilder sb = new StringBuilder("### Live progress latency (engine progress call → SSE event at client)\n\n"
                + "| engine reports every | steps | seen | p50 | p95 | max |\n|---:|---:|---:|---:|---:|---:|\n");
        for (SseLatencyBenchmark.Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %d ms | %d | %d | %.1f ms | %.1f ms | %.1f ms |%n", r.gapMillis(),
                    r.steps(), r.latencyMicros().size(), r.percentile(50) / 1000.0, r.percentile(95) / 1000.0,
                    r.percentile(100) / 1000.0));
        }
        return sb.append('\n').toString();
    }

    /** {@code --key value} pairs over the defaults; unknown keys are refused with the list of known ones. */
    static Map<String, String> options(String[] args, Map<String, String> defaults) {
        Map<String, String> opts = new HashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || i + 1 >= args.length || !defaults.containsKey(a.substring(2))) {
                throw new IllegalArgumentException("unknown or incomplete option '" + a + "'; options: --"
                        + String.join(" <v>, --", defaults.keySet()) + " <v>");
            }
            opts.put(a.substring(2), args[++i]);
        }
        return opts;
    }

    /** CPU time of this whole JVM (every thread, GC and JIT included) so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "%tT " + format + "%n", prepend(System.currentTimeMillis(), args));
        System.out.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
