package org.contactsync.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.contactsync.contact.Contact;
import org.contactsync.directory.CallerIdLookup;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.LabelFilter;

/**
 * Caller-ID look-up latency without HTTP: a snapshot of N generated contacts (region US, outside-line prefix 9),
 * then look-ups of random numbers written in five forms (E.164, national, with the outside-line prefix, with
 * 011, digits only) and of unknown numbers, each timed on its own. Prints a Markdown table.
 *
 * <pre>
 * java -cp ... org.contactsync.bench.LookupLatencyBenchmark --contacts 10000 --lookups 200000
 * </pre>
 */
public final class LookupLatencyBenchmark {
    private LookupLatencyBenchmark() {
    }

    public static void main(String[] args) {
        Map<String, String> opts = BenchMain.options(args, Map.of("contacts", "10000", "lookups", "200000"));
        System.out.println(run(Integer.parseInt(opts.get("contacts")), Integer.parseInt(opts.get("lookups"))));
    }

    static String run(int contacts, int lookups) {
        List<Contact> list = new ArrayList<>(contacts);
        for (int i = 0; i < contacts; i++) {
            list.add(GeneratedContactsEngine.contact(i).withId(i + 1));
        }
        long t0 = System.nanoTime();
        DirectorySnapshot snapshot = DirectorySnapshot.of(1, list, Instant.EPOCH,
                new DirectorySnapshot.Options("US", LabelFilter.ALL));
        long buildMillis = (System.nanoTime() - t0) / 1_000_000;
        CallerIdLookup lookup = new CallerIdLookup(new DialRules("US", "9", DialRules.Form.AS_WRITTEN));
        Random r = new Random(1);
        String[] queries = new String[4096];
        for (int i = 0; i < queries.length; i++) {
            String e164 = snapshot.contacts().get(r.nextInt(snapshot.size())).firstNumber().e164(); // +1555…
            String national = e164.substring(2);
            queries[i] = switch (i % 6) {
                case 0 -> e164;
                case 1 -> "(" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-" + national.substring(6);
                case 2 -> "9 1 " + national;
                case 3 -> "011" + e164.substring(1);
                case 4 -> e164.substring(1);
                default -> "+44 20 7946 " + String.format("%04d", r.nextInt(10_000)); // unknown
            };
        }
        int warmup = Math.min(lookups, 50_000);
        int found = 0;
        for (int i = 0; i < warmup; i++) {
            found += lookup.find(snapshot, queries[i % queries.length]).isPresent() ? 1 : 0;
        }
        long[] nanos = new long[lookups];
        found = 0;
        for (int i = 0; i < lookups; i++) {
            long s = System.nanoTime();
            boolean hit = lookup.find(snapshot, queries[i % queries.length]).isPresent();
            nanos[i] = System.nanoTime() - s;
            found += hit ? 1 : 0;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
        return "| what | contacts | look-ups | found | mean | p50 | p99 | max | snapshot build |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
                + String.format("| caller-ID look-up | %,d | %,d | %,d | %.1f µs | %.1f µs | %.1f µs | %.1f µs | %,d ms |",
                snapshot.size(), lookups, found, mean, nanos[lookups / 2] / 1000.0,
                nanos[(int) (lookups * 0.99)] / 1000.0, nanos[lookups - 1] / 1000.0, buildMillis);
    }
}
