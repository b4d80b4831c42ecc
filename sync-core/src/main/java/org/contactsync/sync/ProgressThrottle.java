package org.contactsync.sync;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's snapshot as listeners and other nodes see it. Listeners hear every change at once; the store gets it at
 * most once per save interval, and what the throttle held back is written once the interval is over (so other nodes
 * see a written batch even while the engine waits for a slow page). Safe to call from the reading and the writing
 * thread: updates are serialised, so no listener ever sees percent or counts go back.
 */
final class ProgressThrottle {
    private static final Logger log = LoggerFactory.getLogger(ProgressThrottle.class);

    private final SyncStateStore store;
    private final long intervalNanos;
    private final StatsCounter counts;
    private final Consumer<SyncRun> publish;
    private final ScheduledExecutorService laterSaves;
    private final Object updateLock = new Object();
    private final Object saveLock = new Object();
    private volatile SyncRun snapshot;
    /** What was last written to the store, and when (System.nanoTime); under saveLock. */
    private SyncRun lastSaved;
    private long lastSavedNanos;
    /** A held-back save is scheduled; under saveLock. */
    private boolean saveScheduled;
    /** The run ended: nothing more is saved; under saveLock. */
    private boolean closed;

    /** @param laterSaves where held-back snapshots are saved once the interval is over */
    ProgressThrottle(SyncStateStore store, Duration saveInterval, SyncRun run, StatsCounter counts,
                     Consumer<SyncRun> publish, ScheduledExecutorService laterSaves) {
        this.store = store;
        this.intervalNanos = saveInterval.toNanos();
        this.counts = counts;
        this.publish = publish;
        this.laterSaves = laterSaves;
        this.snapshot = run;
        this.lastSaved = run;
        this.lastSavedNanos = System.nanoTime();
    }

    SyncRun snapshot() {
        return snapshot;
    }

    /** Replaces the snapshot without publishing it (the run's start and end are told to listeners apart). */
    void replace(SyncRun run) {
        synchronized (updateLock) {
            snapshot = run;
        }
    }

    /** The read reports percent and operation; published with the counts so far. */
    void report(int percent, String operation) {
        publish(percent, operation);
        save(false);
    }

    /** The counts changed (a contact reported, a batch written): published at most once per save interval. */
    void countsChanged() {
        if (due()) {
            publish(null, null);
            save(false);
        }
    }

    /** A batch was written: its counts are published at once and stored within the save interval. */
    void batchWritten() {
        publish(null, null);
        save(false);
    }

    /** The run ended; held-back saves are dropped (the end is recorded whole). */
    void close() {
        synchronized (saveLock) {
            closed = true;
        }
    }

    /** The run turned into a full sync (expired cursor). */
    void retype(SyncType type) {
        synchronized (updateLock) {
            snapshot = snapshot.withType(type);
        }
    }

    /**
     * Writes the latest snapshot to the store: when {@code force}, if it changed since the last write; otherwise
     * only if the last write is at least the save interval ago (the throttle other nodes' views rely on).
     */
    void save(boolean force) {
        synchronized (saveLock) {
            SyncRun latest = snapshot;
            long now = System.nanoTime();
            if (closed || latest == lastSaved) {
                return;
            }
            if (!force && now - lastSavedNanos < intervalNanos) {
                saveLater(intervalNanos - (now - lastSavedNanos));
                return;
            }
            lastSavedNanos = now;
            lastSaved = latest;
            try {
                store.saveProgress(latest.id(), latest.type(), latest.percent(), latest.currentOperation(),
                        latest.stats());
            } catch (RuntimeException e) {
                log.warn("Could not save the progress of sync run {}: {}", latest.id(), e.toString());
            }
        }
    }

    /** Under saveLock. */
    private void saveLater(long delayNanos) {
        if (saveScheduled) {
            return;
        }
        saveScheduled = true;
        try {
            laterSaves.schedule(() -> {
                synchronized (saveLock) {
                    saveScheduled = false;
                }
                save(true);
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            saveScheduled = false; // shutting down: the end is recorded anyway
        }
    }

    /** @param percent null to keep the current percent and operation */
    private void publish(Integer percent, String operation) {
        synchronized (updateLock) {
            // Read under the lock, so a later snapshot never carries older counts or an older percent.
            SyncRun s = snapshot;
            SyncRun updated = percent == null ? s.withProgress(s.percent(), s.currentOperation(), counts.get())
                    : s.withProgress(percent, operation, counts.get());
            snapshot = updated;
            publish.accept(updated);
        }
    }

    private boolean due() {
        synchronized (saveLock) {
            return System.nanoTime() - lastSavedNanos >= intervalNanos;
        }
    }
}
