package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.contactsync.Page;

/**
 * Where runs, their progress, their history, the engine's cursor and the run lease live. With a shared database
 * this is what makes several app instances behave as one: {@link #openRun} succeeds for exactly one caller across
 * threads and processes, and every node reads progress from here.
 *
 * <p>Times (start, end, lease) come from the store's own clock ({@link #now()}), never from the callers' clocks.
 */
public interface SyncStateStore {

    /**
     * Atomically opens a run unless another run holds a live lease. A RUNNING run whose lease has expired is first
     * marked INTERRUPTED. Exactly one of any number of concurrent callers gets {@link OpenResult.Opened}.
     *
     * @param owner the calling node's id; the lease belongs to it
     * @param lease how long the lease lasts without a {@link #renewLease heartbeat}
     */
    OpenResult openRun(RunRequest request, String owner, Duration lease);

    /** Extends the lease of a running run held by {@code owner}; tells whether it is still held and if cancel was asked. */
    Heartbeat renewLease(long runId, String owner, Duration lease);

    /** Asks the node that runs {@code runId} to cancel it (seen at its next heartbeat). False if it is not running. */
    boolean requestCancel(long runId);

    /** Stores the progress of a running run so that every node can show it. Ignored for a finished run. */
    void saveProgress(long runId, SyncType type, int percent, String currentOperation, SyncStats stats);

    /**
     * Records (or replaces) what one source did in a running run, so every node can see it while the run goes on.
     * Ignored when the run is not running.
     */
    void saveSourceOutcome(long runId, SourceOutcome outcome);

    /**
     * Ends a run held by {@code owner} and releases the lease, storing {@link RunOutcome#sources()} in the same
     * transaction (replacing what {@link #saveSourceOutcome} stored for those sources). Returns the finished run, or
     * empty if the run was no longer this owner's to finish (e.g. already marked interrupted).
     */
    Optional<SyncRun> finishRun(long runId, String owner, RunOutcome outcome);

    Optional<SyncRun> findRun(long runId);

    /** The run that holds a live lease, if any (runs whose lease expired are marked INTERRUPTED first). */
    Optional<SyncRun> activeRun();

    /** The most recently started run, whatever its state. */
    Optional<SyncRun> latestRun();

    /** The most recent COMPLETED run. */
    Optional<SyncRun> lastCompletedRun();

    /** What each source did in a run, in the order they ran; empty for an unknown run or one no source was reached in. */
    List<SourceOutcome> sourceOutcomes(long runId);

    /** Runs, newest first. */
    default Page<SyncRun> history(int limit, int offset) {
        return history(null, limit, offset);
    }

    /** Runs that included the source of this name (every run when null), newest first. */
    Page<SyncRun> history(String source, int limit, int offset);

    /**
     * Marks RUNNING runs whose lease has expired as INTERRUPTED (and the sources they were reading with them);
     * returns how many runs.
     */
    int interruptExpiredRuns();

    /** The engine's cursor (e.g. a Google sync token) stored under {@code key}. */
    Optional<String> cursor(String key);

    /** Stores (or with null, clears) the engine's cursor. */
    void saveCursor(String key, String cursor);

    /** The store's clock. */
    Instant now();
}
