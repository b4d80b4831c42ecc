package org.contactsync.directory.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** One measured scenario. */
    public record Result(String scenario, long operations, double opsPerSecond, double microsPerOp, long bytes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %,12.0f ops/s %9.2f µs/op %7d bytes/page", scenario,
                    opsPerSecond, microsPerOp, bytes);
        }
    }

    private DirectoryRenderBenchmark() {
    }

    public static void main(String[] args) {
        int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        System.out.printf(Locale.ROOT, "Java %s, %d processors, %d contacts, %.1f s per scenario%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), contacts, seconds);
        for (Result r : run(contacts, seconds)) {
            System.out.println(r);
        }
    }

    /** Runs every scenario: warm-up of a third of {@code seconds}, then {@code seconds} measured. */
    public static List<Result> run(int contactCount, double seconds) {
        InMemoryContactStore store = DirectoryFixtures.store(contactCount, 42);
        DirectoryPages pages = new DirectoryPages("Contacts", "0");
        List<Result> results = new ArrayList<>();

        results.add(measure("snapshot build (whole store)", seconds,
                i -> DirectorySnapshot.build(store, Instant.EPOCH).size()));
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
        String[] queries = {"anna", "smi", "öz", "wang", "+1 (555) 000-0042", "0049 30 0000", "zzz", "li"};
        results.add(measure("search (name/number, 10k scan)", seconds,
                i -> pages.search(directory.snapshot(), ROOT, queries[i % queries.length], null).xml().length()));
        return results;
    }

    @FunctionalInterface
    private interface Op {
        /** Returns a number derived from the work, so the JIT cannot drop it. */
        long run(int i);
    }

    private static Result measure(String name, double seconds, Op op) {
        long sink = 0;
        long warmEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            sink += op.run(i++);
        }
        long bytes = op.run(0);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long ops = 0;
        long now;
        do {
            for (int k = 0; k < 16; k++) {
                sink += op.run(i++);
            }
            ops += 16;
            now = System.nanoTime();
        } while (now < end);
        double elapsed = (now - start) / 1e9;
        if (sink == 42) {
            System.out.print(""); // keeps sink alive
        }
        return new Result(name, ops, ops / elapsed, elapsed * 1e6 / ops, bytes);
    }
}
