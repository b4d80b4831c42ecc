package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * Overview for the page and {@code /api/sync/info}.
 *
 * @param totalContacts contacts in the local copy
 * @param lastSync      when the last completed run ended, or null
 * @param automatic     whether a schedule runs syncs
 * @param interval      the schedule's interval, or null when manual
 * @param nextSync      when the next scheduled run is due, or null
 * @param fullInterval  how often a scheduled run is a full sync (equal to {@code interval} when all are), or null
 */
public record SyncInfo(long totalContacts, Instant lastSync, boolean automatic, Duration interval, Instant nextSync,
                       Duration fullInterval) {
}
