package org.contactsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (every process: this JVM, the emulator's, PostgreSQL's backends), from
 * Linux's {@code /proc/stat}. On 2 cores a phase whose busy time is near twice its wall time could not have gone
 * faster by overlapping more; the gap between the two is what overlapping can still win.
 */
final class MachineCpu {
    private static final Path STAT = Path.of("/proc/stat");
    /** USER_HZ: the kernel reports /proc/stat in hundredths of a second on every Linux architecture Java runs on. */
    static final long MILLIS_PER_TICK = 10;

    private MachineCpu() {
    }

    /** Busy milliseconds of all CPUs since boot (user, nice, system, irq, softirq, steal), or -1 off Linux. */
    static long busyMillis() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    long busy = 0;
                    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                        busy += Long.parseLong(f[i]);
                    }
                    return busy * MILLIS_PER_TICK;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy milliseconds since {@code start} (a {@link #busyMillis()} reading), or -1 if either is unknown. */
    static long since(long start) {
        long now = busyMillis();
        return start < 0 || now < 0 ? -1 : now - start;
    }
}
