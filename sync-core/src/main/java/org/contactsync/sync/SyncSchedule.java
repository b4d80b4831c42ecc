package org.contactsync.sync;

import java.time.Duration;

/**
 * When {@link SyncScheduler} runs syncs.
 *
 * @param interval     how often a scheduled incremental sync runs, or null for none
 * @param fullInterval how often a scheduled run is a full sync instead, or null for never (a full sync then runs
 *                     only when asked, or when the source needs one)
 * @param initialDelay how long after start the first tick comes
 */
public record SyncSchedule(Duration interval, Duration fullInterval, Duration initialDelay) {
    /** No automatic sync: manual only. */
    public static final SyncSchedule OFF = new SyncSchedule(null, null, null);

    /** The first tick comes this soon after start unless the interval is shorter. */
    static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(30);

    public SyncSchedule {
        requirePositive(interval, "interval");
        requirePositive(fullInterval, "full interval");
        if (interval != null && fullInterval != null && fullInterval.compareTo(interval) < 0) {
            throw new IllegalArgumentException("The full sync interval (" + Intervals.format(fullInterval)
                    + ") is shorter than the incremental interval (" + Intervals.format(interval)
                    + "). Make it longer, or set only the incremental interval.");
        }
        if (initialDelay != null && initialDelay.isNegative()) {
            throw new IllegalArgumentException("The initial delay must not be negative, was " + initialDelay);
        }
        Duration tick = interval != null ? interval : fullInterval;
        if (initialDelay == null && tick != null) {
            initialDelay = tick.compareTo(DEFAULT_INITIAL_DELAY) < 0 ? tick : DEFAULT_INITIAL_DELAY;
        }
    }

    /** Incremental syncs every {@code interval}. */
    public static SyncSchedule every(Duration interval) {
        return new SyncSchedule(interval, null, null);
    }

    /**
     * From configuration values such as {@code "30m"} and {@code "1d"}; {@code full} may be null or {@code "off"}.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public static SyncSchedule parse(String incremental, String full) {
        Duration i = Intervals.parse(incremental).orElse(null);
        Duration f = full == null || full.isBlank() ? null : Intervals.parse(full).orElse(null);
        return new SyncSchedule(i, f, null);
    }

    /** This schedule, with a scheduled full sync every {@code fullInterval}. */
    public SyncSchedule withFullEvery(Duration fullInterval) {
        return new SyncSchedule(interval, fullInterval, initialDelay);
    }

    /** This schedule, with its first tick {@code delay} after start. */
    public SyncSchedule withInitialDelay(Duration delay) {
        return new SyncSchedule(interval, fullInterval, delay);
    }

    public boolean isOff() {
        return interval == null && fullInterval == null;
    }

    /** How often the scheduler ticks: the incremental interval, or the full one when only that is set. */
    public Duration tickInterval() {
        return interval != null ? interval : fullInterval;
    }

    private static void requirePositive(Duration d, String name) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("The " + name + " must be longer than zero, was " + d);
        }
    }
}
