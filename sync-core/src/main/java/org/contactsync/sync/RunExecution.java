package org.contactsync.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run on this node, from the open row in the store to its recorded end: executes one read pass per source, in
 * the configured order, keeps the lease (through its {@link LeaseKeeper}), publishes progress (through its
 * {@link ProgressThrottle}, spread over the sources so it never goes back), turns how each source and the run ended
 * into outcomes and records them.
 *
 * <p>A source that fails is recorded as failed and the run goes on with the next (its contacts and cursor stay as
 * they were); a cancel, a shutdown or a lost lease stops the whole run. A run of one source ends exactly as that
 * source did.
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
    private final List<SyncSource> sources;
    /** The run's type as shown (FULL once a single source's cursor expired). */
    private volatile SyncType type;
    /** How the sources read so far ended, in order; under {@code this}. */
    private final List<SourceOutcome> ended = new ArrayList<>();
    /** The source being read, its index, what it runs as and the run's counts when it started; null between sources. */
    private volatile SourceOutcome reading;
    private volatile SyncSource readingSource;
    private volatile int readingIndex;
    private volatile SyncStats readingFrom = SyncStats.ZERO;

    /**
     * @param sources      the sources this run reads, in order (all configured, or the one asked for)
     * @param threads      the manager's: the run, its writer and its heartbeat run there
     * @param onEnd        called once the end is recorded, before listeners hear it (the manager forgets the run)
     */
    RunExecution(RunSettings settings, List<SyncSource> sources, SyncRun opened, ProgressListeners listeners,
                 RunThreads threads, Consumer<RunExecution> onEnd) {
        this.settings = settings;
        this.sources = List.copyOf(sources);
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
        SyncType effective = settings.effectiveType(sources, run.requestedType());
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

    /** What each source did so far: those that ended, then the one being read (RUNNING, with its counts so far). */
    synchronized List<SourceOutcome> sourceOutcomes() {
        List<SourceOutcome> all = new ArrayList<>(ended);
        SourceOutcome now = reading;
        if (now != null) {
            all.add(now.ended(now.type(), RunStatus.RUNNING, counts.get().minus(readingFrom), null, null));
        }
        return all;
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
            outcome = readSources(run.requestedType());
        } catch (Throwable e) {
            failure = e;
            outcome = outcomeOf(e, type, counts.get());
            SourceOutcome stopped = reading;
            if (stopped != null) {
                sourceEnded(stopped.ended(stopped.type(), outcome.status(), counts.get().minus(readingFrom),
                        outcome.error(), outcome.errorDetail()));
            }
            outcome = outcome.withSources(endedSources());
        }
        finish(outcome, failure);
    }

    /**
     * Reads every source in turn. A failing source is recorded and the next one read, unless the run must stop (a
     * cancel, a shutdown, a lost lease) or it is the run's only source: then the failure ends the run.
     */
    private RunOutcome readSources(SyncType requested) throws Exception {
        List<String> skipped = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        ChangeCap cap = new ChangeCap(settings.changesPerRun());
        for (int i = 0; i < sources.size(); i++) {
            SyncSource source = sources.get(i);
            lease.checkStillRunning();
            SyncType sourceType = settings.effectiveType(source, requested);
            readingFrom = counts.get();
            readingIndex = i;
            readingSource = source;
            reading = SourceOutcome.started(source, sourceType);
            saveSourceOutcome(reading);
            if (sources.size() > 1) {
                progress(0, "Starting");
            }
            // A first full sync of a source (or one after everything of it was removed) has no stored hashes to
            // look up: measured on PostgreSQL, the look-up was a quarter of the writer thread's time.
            boolean emptySource = reading.type() == SyncType.FULL
                    && !settings.contactStore().hasContacts(source.name());
            ChangeSink sink = ChangeSink.applying(settings, source.name(), snapshot().id(), cap, counts, threads.writes(),
                    lease::guardWrite, progress::batchWritten, lease::checkStillRunning, emptySource);
            try {
                ReadPass.Result result = new ReadPass(settings, source, this).read(reading.type(), sink);
                if (result.cursor() != null) {
                    settings.stateStore().saveCursor(source.cursorKey(), result.cursor());
                }
                // A completed source that skipped contacts carries a warning (message) and the reasons (detail).
                List<String> reasons = sink.skippedReasons();
                SyncStats stats = counts.get().minus(readingFrom);
                sourceEnded(reading.ended(result.type(), RunStatus.COMPLETED, stats,
                        UserMessages.skippedWarning(stats, reasons), UserMessages.skippedDetail(reasons)));
                for (String reason : reasons) {
                    skipped.add(sources.size() > 1 ? source.name() + ": " + reason : reason);
                }
            } catch (Exception | Error e) {
                if (sources.size() == 1 || mustStop(e)) {
                    throw e;
                }
                failures.add(e);
                SourceOutcome failed = reading.ended(reading.type(), RunStatus.ERROR, counts.get().minus(readingFrom),
                        UserMessages.forFailure(e), UserMessages.detailFor(e));
                log.warn("Sync run {}: source {} failed, going on with the others: {} [{}]", snapshot().id(),
                        source.name(), failed.message(), failed.detail());
                log.debug("Sync run {}: source {} failure", snapshot().id(), source.name(), e);
                sourceEnded(failed);
            }
        }
        List<SourceOutcome> outcomes = endedSources();
        SyncType ran = ranAs(outcomes, requested);
        if (!failures.isEmpty()) {
            return new RunOutcome(RunStatus.ERROR, ran, counts.get(), UserMessages.sourcesFailed(outcomes),
                    UserMessages.sourcesFailedDetail(outcomes), outcomes);
        }
        return new RunOutcome(RunStatus.COMPLETED, ran, counts.get(),
                UserMessages.skippedWarning(counts.get(), skipped), UserMessages.skippedDetail(skipped), outcomes);
    }

    /** FULL when every source ran as FULL, else what was asked for (one source: exactly its type). */
    private static SyncType ranAs(List<SourceOutcome> outcomes, SyncType requested) {
        boolean allFull = !outcomes.isEmpty();
        for (SourceOutcome o : outcomes) {
            allFull &= o.type() == SyncType.FULL;
        }
        return allFull ? SyncType.FULL : requested;
    }

    /** Whether a failure stops the whole run rather than only its source. */
    private boolean mustStop(Throwable e) {
        return lease.shouldStop() || causedBy(e, SyncCancelledException.class)
                || causedBy(e, LeaseLostException.class);
    }

    private synchronized List<SourceOutcome> endedSources() {
        return List.copyOf(ended);
    }

    private void sourceEnded(SourceOutcome outcome) {
        synchronized (this) {
            ended.add(outcome);
            reading = null;
        }
        saveSourceOutcome(outcome);
    }

    /** Lets other nodes see the source's state; the run's end stores every source's outcome again anyway. */
    private void saveSourceOutcome(SourceOutcome outcome) {
        try {
            settings.stateStore().saveSourceOutcome(snapshot().id(), outcome);
        } catch (RuntimeException e) {
            log.warn("Could not save the state of source {} in sync run {}: {}", outcome.source(), snapshot().id(),
                    e.toString());
        }
    }

    /** A source's percent and operation as the run's: its share of the whole run, its name before the operation. */
    private void reportForSource(int percent, String operation) {
        int n = sources.size();
        if (n == 1) {
            progress.report(percent, operation);
            return;
        }
        progress.report((readingIndex * 100 + percent) / n, label(operation));
    }

    /** The operation as people read it: with the source's name in front when the run reads several. */
    private String label(String operation) {
        SyncSource source = readingSource;
        if (sources.size() == 1 || source == null) {
            return operation;
        }
        return source.name() + ": " + (operation == null ? "reading" : operation);
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
        reportForSource(percent, operation);
    }

    @Override
    public void reported() {
        progress.countsChanged();
    }

    @Override
    public void restartedAsFull(CursorExpiredException e) {
        log.info("Sync run {}: the cursor of source {} expired ({}); running a full sync of it instead",
                snapshot().id(), readingSource.name(), e.getMessage());
        lease.checkStillRunning();
        SourceOutcome now = reading;
        settings.stateStore().saveCursor(readingSource.cursorKey(), null);
        reading = now.ended(SyncType.FULL, RunStatus.RUNNING, now.stats(), null, null);
        if (sources.size() == 1) {
            type = SyncType.FULL;
            progress.retype(SyncType.FULL);
        }
        reportForSource(0, "The source asked for a full sync; reading all contacts");
        progress.save(true);
    }

    @Override
    public void deletingUnseen() {
        progress.report(snapshot().percent(), label("Removing contacts no longer at the source"));
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
