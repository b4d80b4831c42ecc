package org.contactsync.sync;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one facade every caller uses: starts runs (exactly one at a time, across threads and, with a shared
 * {@link SyncStateStore}, across app instances), reports status, history and info, cancels, and previews.
 *
 * <pre>{@code
 * SyncManager sync = SyncManager.builder()
 *         .engine(new VCardSyncEngine(Path.of("contacts.vcf")))
 *         .stateStore(stateStore)
 *         .contactStore(contactStore)
 *         .build();
 * sync.trigger(SyncType.FULL);
 * }</pre>
 */
public final class SyncManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncManager.class);
    private static final String LEASE_LOST_MESSAGE = "This server lost the sync lease (it was unreachable or paused "
            + "for too long) and stopped the sync, so that no two servers write at once. Run the sync again.";

    /** Pauses between attempts to record a run's end in the store. */
    private static final long[] FINISH_RETRY_DELAYS_MS = {100, 500, 1500};

    private final SyncEngine engine;
    private final SyncStateStore stateStore;
    private final ContactStore contactStore;
    private final String nodeId;
    private final Duration lease;
    private final Duration heartbeatInterval;
    private final Duration progressSaveInterval;
    private final int batchSize;
    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService runExecutor;
    private final ScheduledExecutorService heartbeatExecutor;
    private final Object startLock = new Object();
    private volatile LocalRun current;
    private volatile ScheduleStatus schedule;
    private volatile boolean closed;

    private SyncManager(Builder b) {
        this.engine = Objects.requireNonNull(b.engine, "engine");
        this.stateStore = Objects.requireNonNull(b.stateStore, "stateStore");
        this.contactStore = Objects.requireNonNull(b.contactStore, "contactStore");
        this.nodeId = b.nodeId != null ? b.nodeId : defaultNodeId();
        this.lease = b.lease;
        this.heartbeatInterval = b.heartbeatInterval;
        this.progressSaveInterval = b.progressSaveInterval;
        this.batchSize = b.batchSize;
        this.listeners.addAll(b.listeners);
        this.runExecutor = Executors.newSingleThreadExecutor(daemonThreads("contactsync-run"));
        this.heartbeatExecutor = Executors.newSingleThreadScheduledExecutor(daemonThreads("contactsync-heartbeat"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a manual run of the given type unless one is running anywhere. */
    public TriggerResult trigger(SyncType type) {
        return trigger(type, SyncTrigger.MANUAL);
    }

    /**
     * Starts a run unless one is running anywhere: exactly one of any number of concurrent callers gets
     * {@link TriggerResult.Started}, the others get {@link TriggerResult.AlreadyRunning} with the active run.
     * An INCREMENTAL request for an engine that has no stored cursor yet runs as FULL (recorded in the run).
     */
    public TriggerResult trigger(SyncType type, SyncTrigger trigger) {
        return trigger(new RunRequest(type, trigger));
    }

    /** Like {@link #trigger(SyncType, SyncTrigger)}, with the request's conditions (see {@link RunRequest}). */
    public TriggerResult trigger(RunRequest request) {
        Objects.requireNonNull(request, "request");
        synchronized (startLock) {
            // Checked under the lock so that close() cannot shut the executor between this check and execute().
            if (closed) {
                throw new IllegalStateException("The sync manager is shut down; no new runs can start.");
            }
            // Local fast path: no database round trip while this node runs.
            LocalRun running = current;
            if (running != null) {
                return new TriggerResult.AlreadyRunning(running.snapshot());
            }
            OpenResult opened = stateStore.openRun(request, nodeId, lease);
            if (opened instanceof OpenResult.Busy busy) {
                return new TriggerResult.AlreadyRunning(busy.activeRun());
            }
            if (opened instanceof OpenResult.NotDue notDue) {
                return new TriggerResult.NotDue(notDue.lastScheduledRun());
            }
            SyncRun run = ((OpenResult.Opened) opened).run();
            LocalRun local = new LocalRun(run);
            current = local;
            try {
                SyncType effective = effectiveType(run.requestedType());
                if (effective != run.type()) {
                    local.snapshot = run.withType(effective).withProgress(0,
                            "Starting a full sync (no earlier sync to continue from)", SyncStats.ZERO);
                }
                SyncRun startedRun = local.snapshot;
                local.heartbeat = heartbeatExecutor.scheduleWithFixedDelay(local::heartbeat,
                        heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
                runExecutor.execute(local::execute);
                return new TriggerResult.Started(startedRun);
            } catch (RuntimeException e) {
                // The run is open in the store: end it there too, or it would block every node until its lease expires.
                local.finish(new RunOutcome(RunStatus.ERROR, local.snapshot.type(), SyncStats.ZERO,
                        UserMessages.forFailure(e), UserMessages.detailFor(e)), e);
                throw e;
            }
        }
    }

    /** The active run (this node's or another's), else the last run, else IDLE. Survives restarts: it reads the store. */
    public SyncStatus status() {
        LocalRun local = current;
        if (local != null) {
            return SyncStatus.of(local.snapshot(), Instant.now());
        }
        Optional<SyncRun> shown = stateStore.activeRun().or(stateStore::latestRun);
        return shown.map(r -> SyncStatus.of(r, stateStore.now())).orElse(SyncStatus.IDLE);
    }

    /** Runs, newest first. */
    public Page<SyncRun> history(int limit, int offset) {
        return stateStore.history(limit, offset);
    }

    public Optional<SyncRun> run(long runId) {
        LocalRun local = current;
        if (local != null && local.snapshot().id() == runId) {
            return Optional.of(local.snapshot());
        }
        // A run whose node died shows as interrupted once its lease expired, not as running forever.
        stateStore.interruptExpiredRuns();
        return stateStore.findRun(runId);
    }

    public SyncInfo info() {
        ScheduleStatus s = schedule;
        Instant last = stateStore.lastCompletedRun().map(SyncRun::completedAt).orElse(null);
        return new SyncInfo(contactStore.count(), last, s != null, s == null ? null : s.interval(),
                s == null ? null : s.nextRun());
    }

    /** Called by a scheduler to publish its interval and next run (null: sync is manual only). */
    public void updateSchedule(ScheduleStatus status) {
        this.schedule = status;
    }

    /** What the scheduler last published (interval, next run, backoff), or empty when sync is manual only. */
    public Optional<ScheduleStatus> schedule() {
        return Optional.ofNullable(schedule);
    }

    /**
     * Asks the active run to stop, on whichever node it runs. Returns the run that was asked, or empty when
     * nothing runs.
     */
    public Optional<SyncRun> cancel() {
        LocalRun local = current;
        if (local != null) {
            local.cancelRequested = true;
            try {
                stateStore.requestCancel(local.snapshot().id());
            } catch (RuntimeException e) {
                // The local flag is enough for a run on this node.
                log.warn("Could not store the cancel request of sync run {}: {}", local.snapshot().id(), e.toString());
            }
            return Optional.of(local.snapshot());
        }
        Optional<SyncRun> active = stateStore.activeRun();
        return active.filter(r -> stateStore.requestCancel(r.id()));
    }

    /**
     * A dry run: reads the source like a real run and reports what it would change, without writing anything and
     * without taking the run lease. Runs on the caller's thread.
     */
    public SyncPreview preview(SyncType type) throws Exception {
        SyncType effective = effectiveType(type);
        ChangeSink sink = new ChangeSink(contactStore, batchSize, false);
        Context ctx = new Context(sink, effective, () -> false, (p, op) -> { });
        try {
            engine.sync(ctx);
        } catch (CursorExpiredException e) {
            effective = SyncType.FULL;
            sink.restartAsFull();
            ctx = new Context(sink, SyncType.FULL, () -> false, (p, op) -> { });
            engine.sync(ctx);
        }
        if (effective == SyncType.FULL) {
            sink.deleteUnseen(() -> { });
        } else {
            sink.flush();
        }
        return new SyncPreview(effective, sink.stats(), sink.planned(), sink.plannedTruncated());
    }

    /** Waits for a run of this node to finish, up to {@code timeout}; returns the finished run as stored. */
    public Optional<SyncRun> await(long runId, Duration timeout) throws InterruptedException, TimeoutException {
        LocalRun local = current;
        if (local != null && local.snapshot().id() == runId) {
            try {
                return Optional.of(local.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException e) {
                throw new IllegalStateException("run " + runId + " failed to finish", e.getCause());
            }
        }
        return stateStore.findRun(runId);
    }

    public void addListener(ProgressListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(ProgressListener listener) {
        listeners.remove(listener);
    }

    public String nodeId() {
        return nodeId;
    }

    public SyncEngine engine() {
        return engine;
    }

    public ContactStore contactStore() {
        return contactStore;
    }

    public SyncStateStore stateStore() {
        return stateStore;
    }

    /**
     * Cancels the local run, waits up to ten seconds for it to record its end, and stops this manager's threads.
     * The stores are the caller's and stay open.
     */
    @Override
    public void close() {
        LocalRun local;
        synchronized (startLock) {
            closed = true;
            local = current;
        }
        if (local != null) {
            local.shuttingDown = true;
        }
        runExecutor.shutdown();
        try {
            if (!runExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Sync run {} did not stop within 10 s of shutdown; interrupting it",
                        local == null ? "?" : local.snapshot().id());
                runExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            runExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        heartbeatExecutor.shutdownNow();
    }

    private SyncType effectiveType(SyncType requested) {
        if (requested == SyncType.INCREMENTAL && engine.usesCursor() && stateStore.cursor(engine.name()).isEmpty()) {
            return SyncType.FULL;
        }
        return requested;
    }

    private void notifyListeners(java.util.function.Consumer<ProgressListener> call) {
        for (ProgressListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("A progress listener failed and was ignored: {}", e.toString());
            }
        }
    }

    private static String defaultNodeId() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        return jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** One run on this node: executes the engine, heartbeats the lease, publishes progress. */
    private final class LocalRun {
        private final CompletableFuture<SyncRun> done = new CompletableFuture<>();
        private final Object saveLock = new Object();
        private volatile SyncRun snapshot;
        /** A person asked (here, or on another node through the store). */
        private volatile boolean cancelRequested;
        /** This manager is closing (the server shuts down). */
        private volatile boolean shuttingDown;
        private volatile boolean leaseLost;
        private volatile ScheduledFuture<?> heartbeat;
        /** When progress was last written to the store (System.nanoTime), and what was written; under saveLock. */
        private long lastSavedNanos;
        private SyncRun lastSaved;
        private String newCursor;

        LocalRun(SyncRun run) {
            this.snapshot = run;
            this.lastSaved = run;
            this.lastSavedNanos = System.nanoTime();
        }

        SyncRun snapshot() {
            return snapshot;
        }

        boolean stopRequested() {
            return cancelRequested || shuttingDown;
        }

        /** On the heartbeat thread: keeps the lease, picks up cancel requests and writes progress the throttle held back. */
        void heartbeat() {
            try {
                renewLease();
                saveProgress(true);
            } catch (RuntimeException e) {
                // The run keeps going for now; guardWrite stops it before its next write if the lease is gone.
                log.warn("Could not renew the lease of sync run {}: {}", snapshot.id(), e.toString());
            }
        }

        private void renewLease() {
            Heartbeat hb = stateStore.renewLease(snapshot.id(), nodeId, lease);
            if (!hb.leaseHeld() && !leaseLost) {
                log.warn("Sync run {} lost its lease (its lease expired and it was marked interrupted); stopping it",
                        snapshot.id());
                leaseLost = true;
            }
            if (hb.cancelRequested()) {
                cancelRequested = true;
            }
        }

        /**
         * Before each batch is written: confirms the lease in the store, so a node that was paused or cut off past its
         * lease never writes while another node runs, and stops a cancelled run.
         */
        private void guardWrite() {
            checkStillRunning();
            renewLease();
            checkStillRunning();
        }

        void execute() {
            notifyListeners(l -> l.runStarted(snapshot));
            SyncRun run = snapshot;
            SyncType type = run.type();
            ChangeSink sink = new ChangeSink(contactStore, batchSize, true, this::guardWrite);
            RunOutcome outcome;
            Throwable failure = null;
            try {
                if (type != run.requestedType()) {
                    saveProgress(true);
                }
                try {
                    engine.sync(context(sink, type));
                } catch (CursorExpiredException e) {
                    log.info("Sync run {}: the source's cursor expired ({}); running a full sync instead",
                            run.id(), e.getMessage());
                    checkStillRunning();
                    stateStore.saveCursor(engine.name(), null);
                    type = SyncType.FULL;
                    newCursor = null;
                    snapshot = snapshot.withType(type);
                    sink.restartAsFull();
                    progress(sink, 0, "The source asked for a full sync; reading all contacts");
                    saveProgress(true);
                    engine.sync(context(sink, type));
                }
                checkStillRunning();
                if (type == SyncType.FULL) {
                    progress(sink, snapshot.percent(), "Removing contacts no longer at the source");
                    sink.deleteUnseen(this::checkStillRunning);
                } else {
                    sink.flush();
                }
                checkStillRunning();
                if (newCursor != null) {
                    stateStore.saveCursor(engine.name(), newCursor);
                }
                // A completed run that skipped contacts carries a warning (error) and the reasons (detail).
                outcome = new RunOutcome(RunStatus.COMPLETED, type, sink.stats(),
                        UserMessages.skippedWarning(sink.stats(), sink.skippedReasons()),
                        UserMessages.skippedDetail(sink.skippedReasons()));
            } catch (Throwable e) {
                failure = e;
                outcome = outcomeOf(e, type, sink.stats());
            }
            finish(outcome, failure);
        }

        private RunOutcome outcomeOf(Throwable e, SyncType type, SyncStats stats) {
            if (leaseLost) {
                // Whatever the engine threw, the cause is that another node may now run: say so.
                boolean ours = e instanceof SyncSourceException s && LEASE_LOST_MESSAGE.equals(s.getMessage());
                return new RunOutcome(RunStatus.ERROR, type, stats, LEASE_LOST_MESSAGE,
                        "the store no longer holds the lease of " + nodeId + " on this run"
                                + (ours ? "" : "; the engine stopped with " + UserMessages.detailFor(e)));
            }
            boolean stopRequested = cancelRequested || shuttingDown;
            if (isCancellation(e) || (stopRequested && isInterruption(e))) {
                String message = shuttingDown && !cancelRequested
                        ? "The sync stopped because the server shut down. Contacts saved before that are kept; "
                                + "run a sync again to finish."
                        : "The sync was cancelled. Contacts saved before that are kept; run a sync again to finish.";
                return new RunOutcome(RunStatus.CANCELLED, type, stats, message, null);
            }
            return new RunOutcome(RunStatus.ERROR, type, stats, UserMessages.forFailure(e), UserMessages.detailFor(e));
        }

        /** Records the end of the run; always clears the local run and completes {@link #done}, whatever fails. */
        void finish(RunOutcome outcome, Throwable failure) {
            ScheduledFuture<?> hb = heartbeat;
            if (hb != null) {
                hb.cancel(false);
            }
            SyncRun finished = recordEnd(outcome);
            try {
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
                snapshot = finished;
                synchronized (startLock) {
                    current = null;
                }
                SyncRun f = finished;
                // After current is cleared, so a listener may start the next run; before done, so await() returns
                // only once listeners have seen the end.
                notifyListeners(l -> l.runFinished(f));
                done.complete(finished);
            }
        }

        /**
         * Stores the outcome, retrying a few times: when the database restarted mid-run, the pool hands out its dead
         * connections once each before fresh ones, and without a retry the run would show as interrupted (a dead
         * server) after its lease instead of as the database error it was.
         */
        private SyncRun recordEnd(RunOutcome outcome) {
            long id = snapshot.id();
            for (int attempt = 0; ; attempt++) {
                try {
                    return stateStore.finishRun(id, nodeId, outcome).orElseGet(() ->
                            stateStore.findRun(id).orElse(snapshot));
                } catch (RuntimeException e) {
                    if (attempt >= FINISH_RETRY_DELAYS_MS.length || Thread.currentThread().isInterrupted()) {
                        log.error("Could not record the end of sync run {}; its lease will expire and mark it "
                                + "interrupted", id, e);
                        return snapshot;
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

        private void checkStillRunning() {
            if (leaseLost) {
                throw new SyncSourceException(LEASE_LOST_MESSAGE);
            }
            if (stopRequested() || Thread.currentThread().isInterrupted()) {
                throw new SyncCancelledException();
            }
        }

        private Context context(ChangeSink sink, SyncType type) {
            return new Context(sink, type, () -> stopRequested() || leaseLost, (p, op) -> progress(sink, p, op)) {
                @Override
                public void newCursor(String cursor) {
                    newCursor = cursor;
                }

                @Override
                public void upsert(Contact contact) {
                    super.upsert(contact);
                    afterWrite(sink);
                }

                @Override
                public void delete(String sourceId) {
                    super.delete(sourceId);
                    afterWrite(sink);
                }

                @Override
                public void unchanged(String sourceId) {
                    super.unchanged(sourceId);
                    afterWrite(sink);
                }

                @Override
                public void skipped(String sourceId, String reason) {
                    super.skipped(sourceId, reason);
                    afterWrite(sink);
                }
            };
        }

        private void afterWrite(ChangeSink sink) {
            // Refreshes the counts shown while contacts stream in, at most once per progressSaveInterval.
            if (progressDue()) {
                progress(sink, snapshot.percent(), snapshot.currentOperation());
            }
        }

        private boolean progressDue() {
            synchronized (saveLock) {
                return System.nanoTime() - lastSavedNanos >= progressSaveInterval.toNanos();
            }
        }

        private void progress(ChangeSink sink, int percent, String operation) {
            SyncRun updated = snapshot.withProgress(percent, operation, sink.stats());
            snapshot = updated;
            notifyListeners(l -> l.progress(updated));
            saveProgress(false);
        }

        /**
         * Writes the latest snapshot to the store: when {@code force}, if it changed since the last write; otherwise
         * only if the last write is at least progressSaveInterval ago (the throttle other nodes' views rely on).
         */
        private void saveProgress(boolean force) {
            synchronized (saveLock) {
                SyncRun latest = snapshot;
                long now = System.nanoTime();
                if (latest == lastSaved || (!force && now - lastSavedNanos < progressSaveInterval.toNanos())) {
                    return;
                }
                lastSavedNanos = now;
                lastSaved = latest;
                try {
                    stateStore.saveProgress(latest.id(), latest.type(), latest.percent(), latest.currentOperation(),
                            latest.stats());
                } catch (RuntimeException e) {
                    log.warn("Could not save the progress of sync run {}: {}", latest.id(), e.toString());
                }
            }
        }
    }

    private static boolean isCancellation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SyncCancelledException) {
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

    /** The engine's view of a run; routes everything to the sink. */
    private class Context implements SyncContext {
        private final ChangeSink sink;
        private final SyncType type;
        private final java.util.function.BooleanSupplier cancelled;
        private final ProgressFn progressFn;

        Context(ChangeSink sink, SyncType type, java.util.function.BooleanSupplier cancelled, ProgressFn progressFn) {
            this.sink = sink;
            this.type = type;
            this.cancelled = cancelled;
            this.progressFn = progressFn;
        }

        @Override
        public SyncType type() {
            return type;
        }

        @Override
        public Optional<String> cursor() {
            return type == SyncType.INCREMENTAL ? stateStore.cursor(engine.name()) : Optional.empty();
        }

        @Override
        public void upsert(Contact contact) {
            sink.upsert(Objects.requireNonNull(contact, "contact"));
        }

        @Override
        public void delete(String sourceId) {
            sink.delete(Objects.requireNonNull(sourceId, "sourceId"));
        }

        @Override
        public void unchanged(String sourceId) {
            sink.unchanged(sourceId);
        }

        @Override
        public void skipped(String sourceId, String reason) {
            log.warn("Skipped contact {}: {}", sourceId, reason);
            sink.skipped(sourceId, reason);
        }

        @Override
        public void progress(int percent, String currentOperation) {
            progressFn.report(Math.max(0, Math.min(100, percent)), currentOperation);
        }

        @Override
        public void newCursor(String cursor) {
            // Dry runs never store a cursor.
        }

        @Override
        public boolean isCancelled() {
            return cancelled.getAsBoolean();
        }

        @Override
        public Optional<String> storedContentHash(String sourceId) {
            return Optional.ofNullable(contactStore.contentHashes(List.of(sourceId)).get(sourceId));
        }

        @Override
        public Map<String, String> storedContentHashes(Collection<String> sourceIds) {
            return contactStore.contentHashes(sourceIds);
        }

        @Override
        public Set<String> storedSourceIds() {
            return contactStore.sourceIds();
        }
    }

    @FunctionalInterface
    private interface ProgressFn {
        void report(int percent, String operation);
    }

    /** Wires a manager; everything but the engine and the two stores has a sensible default. */
    public static final class Builder {
        private SyncEngine engine;
        private SyncStateStore stateStore;
        private ContactStore contactStore;
        private String nodeId;
        private Duration lease = Duration.ofSeconds(60);
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private Duration progressSaveInterval = Duration.ofMillis(250);
        private int batchSize = 500;
        private final List<ProgressListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder engine(SyncEngine engine) {
            this.engine = engine;
            return this;
        }

        public Builder stateStore(SyncStateStore stateStore) {
            this.stateStore = stateStore;
            return this;
        }

        public Builder contactStore(ContactStore contactStore) {
            this.contactStore = contactStore;
            return this;
        }

        /** This node's id in the lease; defaults to pid@host plus a random suffix. */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** How long a run's lease lasts without a heartbeat; after that other nodes mark it interrupted. */
        public Builder lease(Duration lease) {
            this.lease = positive(lease, "lease");
            return this;
        }

        /** How often the lease is renewed (and cancel requests from other nodes are seen); well below the lease. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeatInterval");
            return this;
        }

        /** The least time between two progress writes to the state store. */
        public Builder progressSaveInterval(Duration interval) {
            this.progressSaveInterval = Objects.requireNonNull(interval, "progressSaveInterval");
            return this;
        }

        /** How many contacts are compared and written in one transaction. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public SyncManager build() {
            if (heartbeatInterval.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("heartbeatInterval (" + heartbeatInterval
                        + ") must be shorter than the lease (" + lease + ")");
            }
            return new SyncManager(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
