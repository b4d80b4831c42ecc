package org.contactsync.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * CPU time of this JVM's threads by kind (JIT compilers, GC, the sync's reader and writer, Derby's daemons), from
 * Linux's {@code /proc/self/task}: it tells where a phase's CPU went, JVM threads that Java cannot see included.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** CPU milliseconds so far by thread kind (the thread name without its trailing number), empty off Linux. */
    static Map<String, Long> byKind() {
        Map<String, Long> result = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[#\\d]+$", "").strip();
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the name
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    result.merge(name, ticks * MachineCpu.MILLIS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return result;
    }

    /** CPU milliseconds each kind spent since {@code start} (kinds under 20 ms left out). */
    static Map<String, Long> since(Map<String, Long> start) {
        Map<String, Long> diff = new TreeMap<>();
        byKind().forEach((k, v) -> {
            long d = v - start.getOrDefault(k, 0L);
            if (d >= 20) {
                diff.put(k, d);
            }
        });
        return diff;
    }

    /** {@link #since} for the log: largest first. */
    static String describe(Map<String, Long> diff) {
        return diff.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %,d ms", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
