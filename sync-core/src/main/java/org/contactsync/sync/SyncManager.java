package org.contactsync.sync;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        SyncType type = request.type();
        SyncTrigger trigger = request.trigger();
        if (closed) {
            throw new IllegalStateException("The sync manager is shut down; no new runs can start.");
        }
        synchronized (startLock) {
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
            local.heartbeat = heartbeatExecutor.scheduleWithFixedDelay(local::heartbeat,
                    heartbeatInterval.toMillis(), heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Sync run {} started: {} ({}) on node {}", run.id(), type.name().toLowerCase(),
                    trigger.name().toLowerCase(), nodeId);
            notifyListeners(l -> l.runStarted(run));
            runExecutor.execute(local::execute);
            return new TriggerResult.Started(run);
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

    /**
     * Asks the active run to stop, on whichever node it runs. Returns the run that was asked, or empty when
     * nothing runs.
     */
    public Optional<SyncRun> cancel() {
        LocalRun local = current;
        if (local != null) {
            local.cancelRequested = true;
            stateStore.requestCancel(local.snapshot().id());
            return Optional.of(local.snapshot());
        }
        Optional<SyncRun> active = stateStore.activeRun();
        active.ifPresent(r -> stateStore.requestCancel(r.id()));
        return active;
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

    /** Cancels the local run, waits briefly for it to record its end, and stops this manager's threads. */
    @Override
    public void close() {
        closed = true;
        LocalRun local = current;
        if (local != null) {
            local.cancelRequested = true;
        }
        runExecutor.shutdown();
        try {
            if (!runExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
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
        private volatile SyncRun snapshot;
        private volatile boolean cancelRequested;
        private volatile boolean leaseLost;
        private volatile ScheduledFuture<?> heartbeat;
        private long lastSavedNanos;
        private String newCursor;

        LocalRun(SyncRun run) {
            this.snapshot = run;
        }

        SyncRun snapshot() {
            return snapshot;
        }

        void heartbeat() {
            try {
                Heartbeat hb = stateStore.renewLease(snapshot.id(), nodeId, lease);
                if (!hb.leaseHeld()) {
                    log.warn("Sync run {} lost its lease (another node marked it interrupted); stopping it",
                            snapshot.id());
                    leaseLost = true;
                }
                if (hb.cancelRequested()) {
                    cancelRequested = true;
                }
            } catch (RuntimeException e) {
                // The run keeps going; if the store stays unreachable the lease expires and others take over.
                log.warn("Could not renew the lease of sync run {}: {}", snapshot.id(), e.toString());
            }
        }

        void execute() {
            SyncRun run = snapshot;
            SyncType type = effectiveType(run.requestedType());
            ChangeSink sink = new ChangeSink(contactStore, batchSize, true);
            RunOutcome outcome;
            Throwable failure = null;
            try {
                if (type != run.type()) {
                    snapshot = snapshot.withType(type);
                    stateStore.saveProgress(run.id(), type, 0, "Starting a full sync (no earlier sync to continue from)",
                            SyncStats.ZERO);
                }
                try {
                    engine.sync(context(sink, type));
                } catch (CursorExpiredException e) {
                    log.info("Sync run {}: the source's cursor expired ({}); running a full sync instead",
                            run.id(), e.getMessage());
                    stateStore.saveCursor(engine.name(), null);
                    type = SyncType.FULL;
                    newCursor = null;
                    snapshot = snapshot.withType(type);
                    sink.restartAsFull();
                    progress(sink, 0, "The source asked for a full sync; reading all contacts");
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
                outcome = new RunOutcome(RunStatus.COMPLETED, type, sink.stats(), null, null);
            } catch (SyncCancelledException e) {
                outcome = new RunOutcome(RunStatus.CANCELLED, type, sink.stats(),
                        "The sync was cancelled. Contacts saved before that are kept; run a sync again to finish.",
                        null);
            } catch (Throwable e) {
                failure = e;
                outcome = new RunOutcome(RunStatus.ERROR, type, sink.stats(), UserMessages.forFailure(e),
                        UserMessages.detailFor(e));
            }
            finish(outcome, failure);
        }

        private void finish(RunOutcome outcome, Throwable failure) {
            ScheduledFuture<?> hb = heartbeat;
            if (hb != null) {
                hb.cancel(false);
            }
            SyncRun finished;
            try {
                finished = stateStore.finishRun(snapshot.id(), nodeId, outcome).orElseGet(() ->
                        stateStore.findRun(snapshot.id()).orElse(snapshot));
            } catch (RuntimeException e) {
                log.error("Could not record the end of sync run {}; its lease will expire and mark it interrupted",
                        snapshot.id(), e);
                finished = snapshot;
            }
            if (failure != null) {
                log.warn("Sync run {} failed: {} [{}]", finished.id(), outcome.error(), outcome.errorDetail());
                log.debug("Sync run {} failure", finished.id(), failure);
            }
            SyncStats s = outcome.stats();
            log.info("Sync run {} ended {}: {} ({}), added={} updated={} deleted={} unchanged={} errors={} in {} ms",
                    finished.id(), outcome.status().name().toLowerCase(), outcome.type().name().toLowerCase(),
                    finished.trigger() == null ? "?" : finished.trigger().name().toLowerCase(), s.added(), s.updated(),
                    s.deleted(), s.unchanged(), s.errors(), finished.duration(Instant.now()).toMillis());
            snapshot = finished;
            synchronized (startLock) {
                current = null;
            }
            SyncRun f = finished;
            notifyListeners(l -> l.runFinished(f));
            done.complete(finished);
        }

        private void checkStillRunning() {
            if (leaseLost) {
                throw new SyncSourceException("This server lost the sync lease (it was unreachable for too long). "
                        + "Run the sync again.");
            }
            if (cancelRequested || Thread.currentThread().isInterrupted()) {
                throw new SyncCancelledException();
            }
        }

        private Context context(ChangeSink sink, SyncType type) {
            return new Context(sink, type, () -> cancelRequested || leaseLost, (p, op) -> progress(sink, p, op)) {
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
            };
        }

        private void afterWrite(ChangeSink sink) {
            // Publishes stats now and then while contacts stream in, without a listener call per contact.
            if (System.nanoTime() - lastSavedNanos >= progressSaveInterval.toNanos()) {
                progress(sink, snapshot.percent(), snapshot.currentOperation());
            }
        }

        private void progress(ChangeSink sink, int percent, String operation) {
            SyncRun updated = snapshot.withProgress(percent, operation, sink.stats());
            snapshot = updated;
            notifyListeners(l -> l.progress(updated));
            long now = System.nanoTime();
            if (now - lastSavedNanos >= progressSaveInterval.toNanos()) {
                lastSavedNanos = now;
                try {
                    stateStore.saveProgress(updated.id(), updated.type(), updated.percent(), operation,
                            updated.stats());
                } catch (RuntimeException e) {
                    log.warn("Could not save the progress of sync run {}: {}", updated.id(), e.toString());
                }
            }
        }
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
            sink.skipped(sourceId);
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
