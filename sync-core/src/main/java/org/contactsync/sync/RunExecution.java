package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on this node, from the open row in the store to its recorded end: executes the read pass, keeps the lease
 * (through its {@link LeaseKeeper}), publishes progress (through its {@link ProgressThrottle}), turns how it ended
 * into an outcome and records it.
 */
final class RunExecution implements ReadSupervisor {
    // The facade's name: log configurations select the one line per run's start and end by it.
    private static final Logger log = LoggerFactory.getLogger(SyncManager.class);

    /** Pauses between attempts to record a run's end in the store. */
    private static final long[] FINISH_RETRY_DELAYS_MS = {100, 500, 1500};

    private final RunSettings settings;
    private final ProgressListeners listeners;
    private final RunThreads threads;
    private final Consumer<RunExecution> onEnd;
    private final CompletableFuture<SyncRun> done = new CompletableFuture<>();
    private final StatsCounter counts = new StatsCounter();
    private final LeaseKeeper lease;
    private final ProgressThrottle progress;
    private volatile SyncType type;

    /**
     * @param threads      the manager's: the run, its writer and its heartbeat run there
     * @param onEnd        called once the end is recorded, before listeners hear it (the manager forgets the run)
     */
    RunExecution(RunSettings settings, SyncRun opened, ProgressListeners listeners, RunThreads threads,
                 Consumer<RunExecution> onEnd) {
        this.settings = settings;
        this.listeners = listeners;
        this.threads = threads;
        this.onEnd = onEnd;
        this.lease = new LeaseKeeper(settings, opened.id());
        this.progress = new ProgressThrottle(settings.stateStore(), settings.progressSaveInterval(), opened, counts,
                run -> listeners.notify(l -> l.progress(run)), threads.heartbeats());
        this.type = opened.type();
    }

    SyncRun snapshot() {
        return progress.snapshot();
    }

    /** Starts the heartbeat and the run; returns the run as it starts (its effective type). */
    SyncRun start() {
        SyncRun run = progress.snapshot();
        SyncType effective = settings.effectiveType(run.requestedType());
        if (effective != run.type()) {
            progress.replace(run.withType(effective).withProgress(0,
                    "Starting a full sync (no earlier sync to continue from)", SyncStats.ZERO));
            type = effective;
        }
        SyncRun started = progress.snapshot();
        lease.start(threads.heartbeats(), () -> progress.save(true));
        threads.runs().execute(this::execute);
        return started;
    }

    void requestCancel() {
        lease.requestCancel();
    }

    void shutDown() {
        lease.shutDown();
    }

    SyncRun await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + snapshot().id() + " failed to finish", e.getCause());
        }
    }

    /** The run could not be started although it is open in the store: ends it there too, or it would block every node. */
    void failedToStart(RuntimeException e) {
        finish(new RunOutcome(RunStatus.ERROR, type, SyncStats.ZERO, UserMessages.forFailure(e),
                UserMessages.detailFor(e)), e);
    }

    private void execute() {
        listeners.notify(l -> l.runStarted(progress.snapshot()));
        SyncRun run = progress.snapshot();
        RunOutcome outcome;
        Throwable failure = null;
        try {
            if (run.type() != run.requestedType()) {
                progress.save(true);
            }
            ChangeSink sink = ChangeSink.applying(settings, run.id(), counts, threads.writes(), lease::guardWrite,
                    progress::batchWritten, lease::checkStillRunning);
            ReadPass.Result result = new ReadPass(settings, this).read(run.type(), sink);
            if (result.cursor() != null) {
                settings.stateStore().saveCursor(settings.engine().name(), result.cursor());
            }
            // A completed run that skipped contacts carries a warning (error) and the reasons (detail).
            List<String> skipped = sink.skippedReasons();
            outcome = new RunOutcome(RunStatus.COMPLETED, result.type(), result.stats(),
                    UserMessages.skippedWarning(result.stats(), skipped), UserMessages.skippedDetail(skipped));
        } catch (Throwable e) {
            failure = e;
            outcome = outcomeOf(e, type, counts.get());
        }
        finish(outcome, failure);
    }

    // ReadSupervisor: what the read pass tells this run.

    @Override
    public boolean stopRequested() {
        return lease.shouldStop();
    }

    @Override
    public void checkStillRunning() {
        lease.checkStillRunning();
    }

    @Override
    public void progress(int percent, String operation) {
        progress.report(percent, operation);
    }

    @Override
    public void reported() {
        progress.countsChanged();
    }

    @Override
    public void restartedAsFull(CursorExpiredException e) {
        log.info("Sync run {}: the source's cursor expired ({}); running a full sync instead", snapshot().id(),
                e.getMessage());
        lease.checkStillRunning();
        settings.stateStore().saveCursor(settings.engine().name(), null);
        type = SyncType.FULL;
        progress.retype(SyncType.FULL);
        progress.report(0, "The source asked for a full sync; reading all contacts");
        progress.save(true);
    }

    @Override
    public void deletingUnseen() {
        progress.report(snapshot().percent(), "Removing contacts no longer at the source");
    }

    private RunOutcome outcomeOf(Throwable e, SyncType ran, SyncStats stats) {
        if (lease.leaseLost()) {
            // Whatever the engine threw, the cause is that another node may now run: say so.
            LeaseLostException lost = new LeaseLostException(settings.nodeId());
            return new RunOutcome(RunStatus.ERROR, ran, stats, lost.getMessage(), lost.detail()
                    + (causedBy(e, LeaseLostException.class) ? "" : "; the engine stopped with "
                    + UserMessages.detailFor(e)));
        }
        boolean stopRequested = lease.cancelRequested() || lease.shuttingDown();
        if (causedBy(e, SyncCancelledException.class) || (stopRequested && isInterruption(e))) {
            String message = lease.shuttingDown() && !lease.cancelRequested()
                    ? "The sync stopped because the server shut down. Contacts saved before that are kept; "
                            + "run a sync again to finish."
                    : "The sync was cancelled. Contacts saved before that are kept; run a sync again to finish.";
            return new RunOutcome(RunStatus.CANCELLED, ran, stats, message, null);
        }
        return new RunOutcome(RunStatus.ERROR, ran, stats, UserMessages.forFailure(e), UserMessages.detailFor(e));
    }

    /** Records the end of the run; always lets the manager forget it and completes {@link #done}, whatever fails. */
    private void finish(RunOutcome outcome, Throwable failure) {
        lease.stop();
        progress.close();
        SyncRun finished = recordEnd(outcome);
        try {
            pruneChanges();
            if (failure != null && outcome.status() == RunStatus.ERROR) {
                if (UserMessages.isUnexpected(failure)) {
                    // Once, with the stack trace: nobody foresaw this one, so the trace is what helps.
                    log.error("Sync run {} failed unexpectedly: {}", finished.id(), outcome.errorDetail(), failure);
                } else {
                    log.warn("Sync run {} failed: {} [{}]", finished.id(), outcome.error(), outcome.errorDetail());
                    log.debug("Sync run {} failure", finished.id(), failure);
                }
            }
            SyncStats s = outcome.stats();
            log.info("Sync run {} ended {}: {} ({}), added={} updated={} deleted={} unchanged={} errors={} in {} ms",
                    finished.id(), finished.status().name().toLowerCase(), outcome.type().name().toLowerCase(),
                    finished.trigger() == null ? "?" : finished.trigger().name().toLowerCase(), s.added(),
                    s.updated(), s.deleted(), s.unchanged(), s.errors(), finished.duration(Instant.now()).toMillis());
        } finally {
            progress.replace(finished);
            onEnd.accept(this);
            // After the manager forgot the run, so a listener may start the next one; before done, so await()
            // returns only once listeners have seen the end.
            listeners.notify(l -> l.runFinished(finished));
            done.complete(finished);
        }
    }

    /** Forgets the change lists older than the retention time (a bounded number of runs); a failure only logs. */
    private void pruneChanges() {
        try {
            int pruned = settings.changeLog().prune(settings.stateStore().now().minus(settings.changeRetention()));
            if (pruned > 0) {
                log.debug("Forgot the change lists of {} runs older than {}", pruned, settings.changeRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Could not prune the change lists of old sync runs; trying again after the next run: {}",
                    e.toString());
        }
    }

    /**
     * Stores the outcome, retrying a few times: when the database restarted mid-run, the pool hands out its dead
     * connections once each before fresh ones, and without a retry the run would show as interrupted (a dead
     * server) after its lease instead of as the database error it was.
     */
    private SyncRun recordEnd(RunOutcome outcome) {
        SyncRun last = progress.snapshot();
        long id = last.id();
        for (int attempt = 0; ; attempt++) {
            try {
                return settings.stateStore().finishRun(id, settings.nodeId(), outcome)
                        .orElseGet(() -> settings.stateStore().findRun(id).orElse(last));
            } catch (RuntimeException e) {
                if (attempt >= FINISH_RETRY_DELAYS_MS.length || Thread.currentThread().isInterrupted()) {
                    log.error("Could not record the end of sync run {}; its lease will expire and mark it "
                            + "interrupted", id, e);
                    return last;
                }
                log.warn("Could not record the end of sync run {} ({}); trying again", id, e.toString());
                try {
                    Thread.sleep(FINISH_RETRY_DELAYS_MS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInterruption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }
}
