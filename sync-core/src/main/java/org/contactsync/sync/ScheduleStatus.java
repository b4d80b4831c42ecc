package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * What a scheduler tells the manager about itself, for {@link SyncManager#info()}.
 *
 * @param interval how often an incremental sync runs
 * @param nextRun  when the next one is due, or null if not known yet
 */
public record ScheduleStatus(Duration interval, Instant nextRun) {
}
