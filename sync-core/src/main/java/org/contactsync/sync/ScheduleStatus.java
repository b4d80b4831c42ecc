package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * What a scheduler tells the manager about itself, for {@link SyncManager#info()} and the page.
 *
 * @param interval            how often a scheduled sync runs (incremental, or full when only a full interval is set)
 * @param nextRun             when the next tick is due, or null if not known yet
 * @param fullInterval        how often a scheduled run is a full sync, or null when scheduled runs are incremental only
 * @param consecutiveFailures scheduled runs that failed in a row on this node; 0 when the last run succeeded
 * @param currentDelay        the delay in force: {@code interval}, or longer while failures back off
 */
public record ScheduleStatus(Duration interval, Instant nextRun, Duration fullInterval, int consecutiveFailures,
                             Duration currentDelay) {

    public ScheduleStatus {
        currentDelay = currentDelay == null ? interval : currentDelay;
    }

    public ScheduleStatus(Duration interval, Instant nextRun) {
        this(interval, nextRun, null, 0, interval);
    }

    /** Whether failed runs currently stretch the delay beyond the interval. */
    public boolean backingOff() {
        return consecutiveFailures > 0;
    }
}
