package org.contactsync.sync;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one run's lease: renews it on a heartbeat (which also brings cancel requests from other nodes), confirms it
 * before each write, and tells the run when to stop (cancelled, shutting down, lease lost).
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final RunSettings settings;
    private final long runId;
    /** A person asked (here, or on another node through the store). */
    private volatile boolean cancelRequested;
    /** The manager is closing (the server shuts down). */
    private volatile boolean shuttingDown;
    private volatile boolean leaseLost;
    private volatile ScheduledFuture<?> heartbeat;

    LeaseKeeper(RunSettings settings, long runId) {
        this.settings = settings;
        this.runId = runId;
    }

    /** Renews the lease every heartbeat interval; {@code alsoOnBeat} runs after each renewal (e.g. a progress save). */
    void start(ScheduledExecutorService scheduler, Runnable alsoOnBeat) {
        long every = settings.heartbeatInterval().toMillis();
        heartbeat = scheduler.scheduleWithFixedDelay(() -> beat(alsoOnBeat), every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> hb = heartbeat;
        if (hb != null) {
            hb.cancel(false);
        }
    }

    void requestCancel() {
        cancelRequested = true;
    }

    void shutDown() {
        shuttingDown = true;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    boolean leaseLost() {
        return leaseLost;
    }

    /** Whether the run should stop reading: asked to, or no longer ours to write. */
    boolean shouldStop() {
        return cancelRequested || shuttingDown || leaseLost;
    }

    /** Throws {@link LeaseLostException} or {@link SyncCancelledException} when the run must stop. */
    void checkStillRunning() {
        if (leaseLost) {
            throw new LeaseLostException(settings.nodeId());
        }
        if (cancelRequested || shuttingDown || Thread.currentThread().isInterrupted()) {
            throw new SyncCancelledException();
        }
    }

    /**
     * Before each batch is written: confirms the lease in the store, so a node that was paused or cut off past its
     * lease never writes while another node runs, and stops a cancelled run.
     */
    void guardWrite() {
        checkStillRunning();
        renew();
        checkStillRunning();
    }

    private void beat(Runnable alsoOnBeat) {
        try {
            renew();
            alsoOnBeat.run();
        } catch (RuntimeException e) {
            // The run keeps going for now; guardWrite stops it before its next write if the lease is gone.
            log.warn("Could not renew the lease of sync run {}: {}", runId, e.toString());
        }
    }

    private void renew() {
        Heartbeat hb = settings.stateStore().renewLease(runId, settings.nodeId(), settings.lease());
        if (!hb.leaseHeld() && !leaseLost) {
            log.warn("Sync run {} lost its lease (its lease expired and it was marked interrupted); stopping it",
                    runId);
            leaseLost = true;
        }
        if (hb.cancelRequested()) {
            cancelRequested = true;
        }
    }
}
