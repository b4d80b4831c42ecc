package org.contactsync.directory.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectoryFixtures;
import org.contactsync.directory.DirectoryPages;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.KeypadGroup;

/**
 * Render throughput of the phone directory for a 10,000-contact address book, single-threaded, without HTTP:
 * the ceiling the web layer can approach. A plain main with warm-up and timed rounds (no JMH dependency), so
 * it runs from the test classpath:
 *
 * <pre>
 * mvn -q -pl sync-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.contactsync.directory.bench.DirectoryRenderBenchmark [-Dexec.args="10000 5"]
 * </pre>
 *
 * Arguments: contacts (default 10000), measured seconds per scenario (default 5). Never run by {@code mvn
 * verify}; {@code DirectoryRenderBenchmarkTest} only checks that it works, with tiny numbers.
 */
public final class DirectoryRenderBenchmark {
    private static final String ROOT = "https://phones.example.com/contactsync/directory";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One measured scenario. Wall-clock rates suffer when other processes share the CPU; the thread's CPU time
     * per operation does much less, so both are reported. {@code chars}: average size of a result (characters
     * of XML; contacts for the snapshot).
     */
    public record Result(String scenario, long operations, double opsPerSecond, double microsPerOp,
                         double cpuMicrosPerOp, long chars) {
        /** Operations per second of CPU time of the one thread: what a core could do if it had nothing else to do. */
        public double opsPerCpuSecond() {
            return cpuMicrosPerOp > 0 ? 1e6 / cpuMicrosPerOp : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "| %-34s | %,12.0f | %,10.2f | %,10.2f | %,14.0f | %6d |", scenario,
                    opsPerSecond, microsPerOp, cpuMicrosPerOp, opsPerCpuSecond(), chars);
        }
    }

    private DirectoryRenderBenchmark() {
    }

    public static void main(String[] args) {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        System.out.printf(Locale.ROOT, "Java %s, %d processors, load average %.1f, %d contacts, %.1f s per scenario%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), contacts, seconds);
        System.out.printf(Locale.ROOT, "| %-34s | %12s | %10s | %10s | %14s | %6s |%n", "scenario", "ops/s (wall)",
                "µs/op", "CPU µs/op", "ops/CPU-second", "chars");
        for (Result r : run(contacts, seconds)) {
            System.out.println(r);
        }
    }

    /** Runs every scenario: warm-up of a third of {@code seconds}, then {@code seconds} measured. */
    public static List<Result> run(int contactCount, double seconds) {
        InMemoryContactStore store = DirectoryFixtures.store(contactCount, 42);
        DirectoryPages pages = new DirectoryPages("Contacts", "0");
        List<Result> results = new ArrayList<>();

        List<Contact> contacts = new ArrayList<>();
        store.forEach(contacts::add);
        // The directory's own share of a rebuild; reading the store (a query for JDBC) comes on top.
        results.add(measure("snapshot of all contacts", seconds,
                i -> DirectorySnapshot.of(i, contacts, Instant.EPOCH).size()));
        DirectorySnapshot snapshot = DirectorySnapshot.build(store, Instant.EPOCH);
        CiscoDirectory directory = new CiscoDirectory(store);
        directory.snapshot();
        List<DirectoryContact> all = snapshot.contacts();
        KeypadGroup[] groups = KeypadGroup.values();

        results.add(measure("main menu", seconds, i -> pages.mainMenu(ROOT).xml().length()));
        results.add(measure("group page (cycling groups/pages)", seconds, i -> {
            KeypadGroup g = groups[i % groups.length];
            int pageCount = Math.max(1, (snapshot.group(g).size() + 31) / 32);
            return pages.group(directory.snapshot(), ROOT, g.label(), Integer.toString(1 + (i / 10) % pageCount))
                    .xml().length();
        }));
        results.add(measure("contact page (cycling contacts)", seconds,
                i -> pages.contact(directory.snapshot(), ROOT, Long.toString(all.get(i % all.size()).id()))
                        .xml().length()));
        String[] names = {"anna", "smi", "öz", "wang", "zzz", "li", "van der", "ngoz"};
        results.add(measure("search by name (scans all)", seconds,
                i -> pages.search(directory.snapshot(), ROOT, names[i % names.length], null).xml().length()));
        String[] numbers = {"+1 (555) 000-0042", "0049 30 0000", "555.101.1234", "999 999"};
        results.add(measure("search by number (scans all)", seconds,
                i -> pages.search(directory.snapshot(), ROOT, numbers[i % numbers.length], null).xml().length()));
        return results;
    }

    @FunctionalInterface
    private interface Op {
        /** Returns the size of what it made (characters of XML), so the JIT cannot drop the work. */
        long run(int i);
    }

    private static Result measure(String name, double seconds, Op op) {
        long sink = 0;
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            sink += op.run(i++);
        }
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long measuredSink = 0;
        long now;
        do {
            for (int k = 0; k < 16; k++) {
                measuredSink += op.run(i++);
            }
            ops += 16;
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (sink + measuredSink == 42) {
            System.out.print(""); // keeps sink alive
        }
        return new Result(name, ops, ops / elapsed, elapsed * 1e6 / ops, cpu * 1e6 / ops, measuredSink / ops);
    }
}
