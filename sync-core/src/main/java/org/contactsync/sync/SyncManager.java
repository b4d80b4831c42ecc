package org.contactsync.sync;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Several named sources, read one after the other in this order by every run (their contacts are kept apart by
 * source name, each has its own cursor; see {@link SyncSource}):
 *
 * <pre>{@code
 * SyncManager.builder()
 *         .source("staff", new GoogleDirectorySyncEngine(...))
 *         .source("customers", new GooglePeopleSyncEngine(...))
 *         .source("suppliers", new VCardSyncEngine(Path.of("suppliers.vcf")))
 *         ...
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
        this.settings = new RunSettings(b.sources(),
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

    /**
     * Like {@link #trigger(SyncType, SyncTrigger)}, with the request's conditions (see {@link RunRequest}): every
     * source, or only the one the request names.
     *
     * @throws UnknownSourceException when the request names a source that is not configured
     */
    public TriggerResult trigger(RunRequest request) {
        Objects.requireNonNull(request, "request");
        List<SyncSource> runSources = request.source() == null ? settings.sources()
                : List.of(requireSource(request.source()));
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
            RunExecution run = new RunExecution(settings, runSources, ((OpenResult.Opened) opened).run(), listeners,
                    threads, this::ended);
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

    /**
     * Runs that included the named source (every run when null), newest first.
     *
     * @throws UnknownSourceException when no source of that name is configured
     */
    public Page<SyncRun> history(String source, int limit, int offset) {
        if (source != null) {
            requireSource(source);
        }
        return settings.stateStore().history(source, limit, offset);
    }

    /**
     * What each source did in a run, in the order they ran: for this node's active run as it goes (the source being
     * read shows RUNNING with its counts so far), otherwise as stored.
     */
    public List<SourceOutcome> sourceOutcomes(long runId) {
        RunExecution local = current;
        if (local != null && local.snapshot().id() == runId) {
            return local.sourceOutcomes();
        }
        return settings.stateStore().sourceOutcomes(runId);
    }

    /** The configured sources, in their order (the one "default" source when built with {@link Builder#engine}). */
    public List<SyncSource> sources() {
        return settings.sources();
    }

    /** Each configured source, in order, with its cursor and its latest run (see {@link SourceStatus}). */
    public List<SourceStatus> sourceStatuses() {
        SyncStateStore store = settings.stateStore();
        RunExecution local = current;
        List<SourceStatus> statuses = new ArrayList<>();
        for (SyncSource source : settings.sources()) {
            boolean cursor = store.cursor(source.cursorKey()).isPresent();
            SyncRun last = store.history(source.name(), 1, 0).items().stream().findFirst().orElse(null);
            if (last != null && local != null && local.snapshot().id() == last.id()) {
                last = local.snapshot();
            }
            SourceOutcome outcome = last == null ? null : sourceOutcomes(last.id()).stream()
                    .filter(o -> o.source().equals(source.name())).findFirst().orElse(null);
            statuses.add(new SourceStatus(source, cursor, last, outcome));
        }
        return statuses;
    }

    /** The configured source of this name. */
    public Optional<SyncSource> source(String name) {
        return settings.sources().stream().filter(s -> s.name().equals(name)).findFirst();
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
        return preview(type, settings.sources());
    }

    /**
     * {@link #preview(SyncType)} of the one named source.
     *
     * @throws UnknownSourceException when no source of that name is configured
     */
    public SyncPreview preview(SyncType type, String source) throws Exception {
        return preview(type, List.of(requireSource(source)));
    }

    /** Each source in turn, as a run reads them; the changes are listed in that order, up to the listing's limit. */
    private SyncPreview preview(SyncType type, List<SyncSource> previewed) throws Exception {
        // The same writers list the changes as a run would (same cap over all sources), into a log of its own.
        RunChangeLog planned = new InMemoryRunChangeLog();
        ChangeCap cap = new ChangeCap(settings.changesPerRun());
        SyncStats stats = SyncStats.ZERO;
        boolean allFull = true;
        for (SyncSource source : previewed) {
            ChangeSink sink = ChangeSink.recording(settings, source.name(), planned, PREVIEW_RUN_ID, cap);
            ReadPass.Result read = new ReadPass(settings, source, ReadSupervisor.NONE)
                    .read(settings.effectiveType(source, type), sink);
            stats = stats.plus(read.stats());
            allFull &= read.type() == SyncType.FULL;
        }
        RunChanges listed = planned.page(PREVIEW_RUN_ID, null, settings.changesPerRun(), 0);
        return new SyncPreview(allFull ? SyncType.FULL : type, stats, listed.page().items(), listed.beyondCap());
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

    /** The engine of the first source: the only one of a single-source configuration. */
    public SyncEngine engine() {
        return settings.sources().get(0).engine();
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

    private SyncSource requireSource(String name) {
        return source(name).orElseThrow(() -> new UnknownSourceException(name,
                settings.sources().stream().map(SyncSource::name).toList()));
    }

    private static String defaultNodeId() {
        String jvm = ManagementFactory.getRuntimeMXBean().getName();
        return jvm + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Wires a manager; everything but the source(s) and the two stores has a sensible default. */
    public static final class Builder {
        /** The default of {@link #changesPerRun(int)}. */
        public static final int DEFAULT_CHANGES_PER_RUN = 1000;
        /** The default of {@link #changeRetention(Duration)}. */
        public static final Duration DEFAULT_CHANGE_RETENTION = Duration.ofDays(90);
        private final Map<String, SyncEngine> sources = new LinkedHashMap<>();
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

        /**
         * The one source of a single-source configuration: named {@link org.contactsync.contact.Contact#DEFAULT_SOURCE
         * "default"}, its cursor under the engine's name (as before sources had names). Calling it again replaces
         * the engine.
         */
        public Builder engine(SyncEngine engine) {
            sources.put(org.contactsync.contact.Contact.DEFAULT_SOURCE, Objects.requireNonNull(engine, "engine"));
            return this;
        }

        /**
         * Adds a named source; runs read the sources in the order they were added (which is also their priority).
         * Names follow {@link SyncSource}'s rule and must differ.
         */
        public Builder source(String name, SyncEngine engine) {
            Objects.requireNonNull(engine, "engine");
            if (sources.containsKey(SyncSource.requireValidName(name))) {
                throw new IllegalArgumentException("The source name '" + name + "' is used twice: give every "
                        + "source a name of its own.");
            }
            sources.put(name, engine);
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
            if (sources.isEmpty()) {
                throw new IllegalStateException("No source is configured: add one with source(name, engine), or "
                        + "engine(engine) for a single source.");
            }
            if (heartbeatInterval == null) {
                heartbeatInterval = lease.dividedBy(4);
            } else if (heartbeatInterval.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("The heartbeat interval (" + heartbeatInterval + ") must be "
                        + "shorter than the lease (" + lease + "), or other nodes take the run over while it is "
                        + "still alive: make it a third of the lease or less, or leave it unset (a quarter)");
            }
            return new SyncManager(this);
        }

        private List<SyncSource> sources() {
            List<SyncSource> list = new ArrayList<>();
            sources.forEach((name, engine) -> list.add(new SyncSource(name, engine, list.size())));
            return list;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
