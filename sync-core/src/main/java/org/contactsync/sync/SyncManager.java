package org.contactsync.sync;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import org.contactsync.Page;
import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.InMemoryRunChangeLog;
import org.contactsync.sync.changes.RunChangeLog;
import org.contactsync.sync.changes.RunChanges;
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
    /** The run id a preview lists its changes under, in its own log. */
    private static final long PREVIEW_RUN_ID = 0;

    private final RunSettings settings;
    private final ProgressListeners listeners;
    private final RunThreads threads = new RunThreads();
    private final Object startLock = new Object();
    private volatile RunExecution current;
    private volatile ScheduleStatus schedule;
    private volatile boolean closed;

    private SyncManager(Builder b) {
        this.settings = new RunSettings(Objects.requireNonNull(b.engine, "engine"),
                Objects.requireNonNull(b.stateStore, "stateStore"),
                Objects.requireNonNull(b.contactStore, "contactStore"),
                b.nodeId != null ? b.nodeId : defaultNodeId(), b.lease, b.heartbeatInterval, b.progressSaveInterval,
                b.batchSize, b.readAhead,
                b.changeLog != null ? b.changeLog : new InMemoryRunChangeLog(), b.changesPerRun, b.changeRetention);
        this.listeners = new ProgressListeners(b.listeners);
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
            RunExecution running = current;
            if (running != null) {
                return new TriggerResult.AlreadyRunning(running.snapshot());
            }
            OpenResult opened = settings.stateStore().openRun(request, settings.nodeId(), settings.lease());
            if (opened instanceof OpenResult.Busy busy) {
                return new TriggerResult.AlreadyRunning(busy.activeRun());
            }
            if (opened instanceof OpenResult.NotDue notDue) {
                return new TriggerResult.NotDue(notDue.lastScheduledRun());
            }
            RunExecution run = new RunExecution(settings, ((OpenResult.Opened) opened).run(), listeners, threads,
                    this::ended);
            current = run;
            try {
                return new TriggerResult.Started(run.start());
            } catch (RuntimeException e) {
                run.failedToStart(e);
                throw e;
            }
        }
    }

    /** The active run (this node's or another's), else the last run, else IDLE. Survives restarts: it reads the store. */
    public SyncStatus status() {
        RunExecution local = current;
        if (local != null) {
            return SyncStatus.of(local.snapshot(), Instant.now());
        }
        SyncStateStore store = settings.stateStore();
        Optional<SyncRun> shown = store.activeRun().or(store::latestRun);
        return shown.map(r -> SyncStatus.of(r, store.now())).orElse(SyncStatus.IDLE);
    }

    /** Runs, newest first. */
    public Page<SyncRun> history(int limit, int offset) {
        return settings.stateStore().history(limit, offset);
    }

    public Optional<SyncRun> run(long runId) {
        RunExecution local = current;
        if (local != null && local.snapshot().id() == runId) {
            return Optional.of(local.snapshot());
        }
        // A run whose node died shows as interrupted once its lease expired, not as running forever.
        settings.stateStore().interruptExpiredRuns();
        return settings.stateStore().findRun(runId);
    }

    public SyncInfo info() {
        ScheduleStatus s = schedule;
        Instant last = settings.stateStore().lastCompletedRun().map(SyncRun::completedAt).orElse(null);
        return new SyncInfo(settings.contactStore().count(), last, s != null, s == null ? null : s.interval(),
                s == null ? null : s.nextRun(), s == null ? null : s.fullInterval());
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
        RunExecution local = current;
        if (local != null) {
            local.requestCancel();
            try {
                settings.stateStore().requestCancel(local.snapshot().id());
            } catch (RuntimeException e) {
                // The local flag is enough for a run on this node.
                log.warn("Could not store the cancel request of sync run {}: {}", local.snapshot().id(), e.toString());
            }
            return Optional.of(local.snapshot());
        }
        Optional<SyncRun> active = settings.stateStore().activeRun();
        return active.filter(r -> settings.stateStore().requestCancel(r.id()));
    }

    /**
     * A dry run: reads the source like a real run (the same read pass) and reports what it would change, without
     * writing anything and without taking the run lease. Runs on the caller's thread.
     */
    public SyncPreview preview(SyncType type) throws Exception {
        // The same writer lists the changes as a run would (same cap), into a log of the preview's own.
        RunChangeLog planned = new InMemoryRunChangeLog();
        ChangeSink sink = ChangeSink.recording(settings, planned, PREVIEW_RUN_ID);
        ReadPass.Result read = new ReadPass(settings, ReadSupervisor.NONE).read(settings.effectiveType(type), sink);
        RunChanges listed = planned.page(PREVIEW_RUN_ID, null, settings.changesPerRun(), 0);
        return new SyncPreview(read.type(), read.stats(), listed.page().items(), listed.beyondCap());
    }

    /**
     * The contacts a run added, updated and deleted, as listed (the first {@code changesPerRun}; the rest counted),
     * in the order written; {@code kind} null for all. Empty for a run without changes or whose list was pruned.
     */
    public RunChanges changes(long runId, ContactChange.Kind kind, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative, were " + limit + " and "
                    + offset);
        }
        return settings.changeLog().page(runId, kind, limit, offset);
    }

    /** The most changes listed per run (see {@link Builder#changesPerRun}). */
    public int changesPerRun() {
        return settings.changesPerRun();
    }

    /** Waits for a run of this node to finish, up to {@code timeout}; returns the finished run as stored. */
    public Optional<SyncRun> await(long runId, Duration timeout) throws InterruptedException, TimeoutException {
        RunExecution local = current;
        if (local != null && local.snapshot().id() == runId) {
            return Optional.of(local.await(timeout));
        }
        return settings.stateStore().findRun(runId);
    }

    public void addListener(ProgressListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ProgressListener listener) {
        listeners.remove(listener);
    }

    public String nodeId() {
        return settings.nodeId();
    }

    public SyncEngine engine() {
        return settings.engine();
    }

    public ContactStore contactStore() {
        return settings.contactStore();
    }

    public SyncStateStore stateStore() {
        return settings.stateStore();
    }

    /**
     * Cancels the local run, waits up to ten seconds for it to record its end, and stops this manager's threads.
     * The stores are the caller's and stay open.
     */
    @Override
    public void close() {
        RunExecution local;
        synchronized (startLock) {
            closed = true;
            local = current;
        }
        if (local != null) {
            local.shutDown();
        }
        threads.shutDown(local == null ? "?" : local.snapshot().id());
    }

    /** The run recorded its end: the next trigger may start one. */
    private void ended(RunExecution run) {
        synchronized (startLock) {
            if (current == run) {
                current = null;
            }
        }
    }

    private static String defaultNodeId() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        return jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Wires a manager; everything but the engine and the two stores has a sensible default. */
    public static final class Builder {
        /** The default of {@link #changesPerRun(int)}. */
        public static final int DEFAULT_CHANGES_PER_RUN = 1000;
        /** The default of {@link #changeRetention(Duration)}. */
        public static final Duration DEFAULT_CHANGE_RETENTION = Duration.ofDays(90);
        private SyncEngine engine;
        private SyncStateStore stateStore;
        private ContactStore contactStore;
        private String nodeId;
        private Duration lease = Duration.ofSeconds(60);
        /** Null: a quarter of the lease. */
        private Duration heartbeatInterval;
        private Duration progressSaveInterval = Duration.ofMillis(250);
        private int batchSize = 500;
        private int readAhead = 2;
        /** Null: an in-memory log of this manager's own. */
        private RunChangeLog changeLog;
        private int changesPerRun = DEFAULT_CHANGES_PER_RUN;
        private Duration changeRetention = DEFAULT_CHANGE_RETENTION;
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

        /**
         * How often the lease is renewed (and cancel requests from other nodes are seen); shorter than the lease,
         * best a third of it or less. Unset: a quarter of the lease (15 s for the default 60 s lease).
         */
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

        /**
         * How many batches the engine may read ahead of the one being written (0: each batch is written on the
         * reading thread before the engine reads on; default 2). Writes then hide behind the source's latency;
         * memory stays bounded to about {@code (readAhead + 1) * batchSize} contacts. With 1, a source whose pages
         * hold two batches (Google: 1,000 contacts a page, batches of 500) waits for the page's first batch to be
         * written before it asks for the next page; with 2 it asks at once.
         */
        public Builder readAhead(int batches) {
            if (batches < 0 || batches > 4) {
                throw new IllegalArgumentException("readAhead must be between 0 and 4 batches, was " + batches);
            }
            this.readAhead = batches;
            return this;
        }

        /**
         * Where each run's list of changed contacts is kept. Unset: in memory, for this manager only (forgotten on
         * restart); with a database, pass {@code ContactSyncDatabase.runChangeLog()} so every node sees the lists.
         */
        public Builder changeLog(RunChangeLog changeLog) {
            this.changeLog = Objects.requireNonNull(changeLog, "changeLog");
            return this;
        }

        /**
         * How many changes a run (and a preview) lists at most; the rest are counted. 0 lists none. Default
         * {@value #DEFAULT_CHANGES_PER_RUN}.
         */
        public Builder changesPerRun(int changes) {
            if (changes < 0) {
                throw new IllegalArgumentException("changesPerRun must not be negative, was " + changes);
            }
            this.changesPerRun = changes;
            return this;
        }

        /** How long a run's list of changes is kept (pruned at the end of later runs). Default 90 days. */
        public Builder changeRetention(Duration retention) {
            this.changeRetention = positive(retention, "changeRetention");
            return this;
        }

        public Builder listener(ProgressListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public SyncManager build() {
            if (heartbeatInterval == null) {
                heartbeatInterval = lease.dividedBy(4);
            } else if (heartbeatInterval.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("The heartbeat interval (" + heartbeatInterval + ") must be "
                        + "shorter than the lease (" + lease + "), or other nodes take the run over while it is "
                        + "still alive: make it a third of the lease or less, or leave it unset (a quarter)");
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
