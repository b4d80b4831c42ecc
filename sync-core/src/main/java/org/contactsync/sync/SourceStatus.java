package org.contactsync.sync;

/**
 * One configured source as a page or the API shows it: what it is, whether it has a cursor to continue from, and the
 * latest run that included it with what the source did in it.
 *
 * @param source      the configured source
 * @param hasCursor   whether a cursor is stored for it (its next incremental run continues from there)
 * @param lastRun     the latest run that included it (running or ended), or null when none did
 * @param lastOutcome what the source did in {@code lastRun} (RUNNING while the run reads it), or null
 */
public record SourceStatus(SyncSource source, boolean hasCursor, SyncRun lastRun, SourceOutcome lastOutcome) {
}
