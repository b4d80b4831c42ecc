package org.contactsync.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.contactsync.Page;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled syncs through a {@link SyncManager}: an incremental sync every interval, optionally a full sync on a
 * slower interval, with backoff after failures.
 *
 * <ul>
 *   <li>A tick while a run is active (manual, or on another node) is skipped and logged, never queued.</li>
 *   <li>Each tick asks for a run with {@link RunRequest#minGapSinceLastScheduled()} a little under the interval, so
 *       with several nodes on one database the store lets only the first node's tick of an interval run; the others
 *       get {@link TriggerResult.NotDue} and align their next tick to that run.</li>
 *   <li>A failed scheduled run doubles the delay to the next tick, up to {@value #MAX_BACKOFF_FACTOR}× the interval;
 *       any completed run on this node brings it back to the interval.</li>
 *   <li>A run of several sources in which some completed and some failed counts as neither: no backoff, no pause,
 *       so one failing source does not hold up the others (its failure is still alerted and shown).</li>
 *   <li>With {@link #pauseAfter(int)}, that many failed scheduled runs in a row pause automatic syncs until
 *       {@link #resume()} or any completed run (a manual sync keeps working while paused); {@link #pause()} says
 *       why, for the page.</li>
 *   <li>The schedule and its next tick are published with {@link SyncManager#updateSchedule}, so
 *       {@link SyncManager#info()} shows them.</li>
 * </ul>
 *
 * <p>All scheduling state lives on the scheduler's one daemon thread; run outcomes reach it from the run thread as
 * tasks, so no lock is held across a trigger.
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);

    /** The longest delay after failures, as a multiple of the interval. */
    public static final int MAX_BACKOFF_FACTOR = 8;

    private final SyncManager manager;
    private final SyncSchedule schedule;
    private final Clock clock;
    private final ProgressListener outcomes = new ProgressListener() {
        @Override
        public void runFinished(SyncRun run) {
            onScheduler(() -> onRunFinished(run));
        }
    };

    private ScheduledThreadPoolExecutor executor;
    private volatile ScheduleStatus published;
    private volatile boolean closed;
    private volatile int pauseAfter;
    private volatile Pause paused;
    private volatile ConfigEventRecorder events = ConfigEventRecorder.NONE;

    // Confined to the scheduler thread.
    private ScheduledFuture<?> pending;
    private Instant lastTick;
    private int consecutiveFailures;

    public SyncScheduler(SyncManager manager, SyncSchedule schedule) {
        this(manager, schedule, Clock.systemUTC());
    }

    /** With a clock for the published next-run times (the delays themselves are real time). */
    public SyncScheduler(SyncManager manager, SyncSchedule schedule, Clock clock) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts ticking (a schedule that is off only publishes "manual"). Returns this, so that
     * {@code new SyncScheduler(m, s).start()} reads as one step.
     */
    public synchronized SyncScheduler start() {
        if (executor != null || closed) {
            throw new IllegalStateException("A sync scheduler can be started only once.");
        }
        if (schedule.isOff()) {
            manager.updateSchedule(null);
            log.info("Automatic sync is off; syncs run only when triggered");
            return this;
        }
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "contactsync-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        manager.addListener(outcomes);
        log.info("Automatic sync every {}{}; first run in {}", Intervals.format(schedule.tickInterval()),
                schedule.interval() != null && schedule.fullInterval() != null
                        ? " (a full sync every " + Intervals.format(schedule.fullInterval()) + ")"
                        : schedule.interval() == null ? " (full syncs)" : "",
                Intervals.format(schedule.initialDelay()));
        onScheduler(() -> {
            lastTick = clock.instant();
            scheduleTick(schedule.initialDelay());
        });
        return this;
    }

    /**
     * Pauses automatic syncs after {@code failures} failed scheduled runs in a row (0: never, the default). Call
     * before {@link #start()}.
     */
    public SyncScheduler pauseAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("pauseAfter must be 0 (never) or more, was " + failures);
        }
        this.pauseAfter = failures;
        return this;
    }

    /**
     * Records pausing and resuming in the timeline: the automatic pause and the resume after a completed run with
     * the actor {@value ConfigEvent#ACTOR_SYSTEM}, a {@link #resume(String) resume} with whoever asked. Call before
     * {@link #start()}.
     */
    public SyncScheduler configEvents(ConfigEventRecorder recorder) {
        this.events = Objects.requireNonNull(recorder, "recorder");
        return this;
    }

    /** Why automatic syncs are paused, or empty while they run. */
    public Optional<Pause> pause() {
        return Optional.ofNullable(paused);
    }

    /** How many failed scheduled runs in a row pause automatic syncs (0: never). */
    public int pauseAfterFailures() {
        return pauseAfter;
    }

    /**
     * Resumes paused automatic syncs: the failure count starts again and a scheduled sync runs at once. Returns
     * false when they were not paused.
     */
    public boolean resume() {
        return resume(ConfigEvent.ACTOR_SYSTEM);
    }

    /** {@link #resume()}, recorded in the timeline as done by {@code actor} (the signed-in user's name). */
    public boolean resume(String actor) {
        if (paused == null || closed) {
            return false;
        }
        onScheduler(() -> {
            if (paused != null) {
                paused = null;
                consecutiveFailures = 0;
                log.info("Automatic sync resumed by {}", actor);
                events.record(ConfigEvent.KIND_SCHEDULE, actor, "Automatic syncs resumed.");
                scheduleTick(Duration.ZERO);
            }
        });
        return true;
    }

    /**
     * Automatic syncs stopped after failing {@code failures} times in a row.
     *
     * @param lastError the last failed run's message for people, or null
     */
    public record Pause(Instant since, int failures, Long lastRunId, String lastError) {
        /** A sentence for the page: what happened and what to do. */
        public String reason() {
            return "Automatic syncs are paused: the last " + failures + " scheduled syncs failed"
                    + (lastError == null ? "." : " (last error: " + lastError + ")")
                    + " Fix the cause, then click Resume; a sync started by hand still works, and one that "
                    + "succeeds resumes automatic syncs too.";
        }
    }

    /** The schedule this scheduler follows. */
    public SyncSchedule schedule() {
        return schedule;
    }

    /** What the page shows: interval, next tick, failures in a row and the delay in force; null when off or closed. */
    public ScheduleStatus status() {
        return published;
    }

    /** Scheduled runs that failed in a row on this node (0 after a success). */
    public int consecutiveFailures() {
        ScheduleStatus s = published;
        return s == null ? 0 : s.consecutiveFailures();
    }

    /** Stops ticking. A run that is active keeps going; the manager shows the sync as manual from now on. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
            manager.removeListener(outcomes);
        }
        published = null;
        manager.updateSchedule(null);
    }

    /** The delay to the next tick after {@code failures} failed runs in a row: doubled per failure, capped. */
    static Duration backoffDelay(Duration interval, int failures) {
        int doublings = Math.min(Math.max(failures, 0), Integer.numberOfTrailingZeros(MAX_BACKOFF_FACTOR));
        return interval.multipliedBy(1L << doublings);
    }

    /**
     * The gap the store must see since the last scheduled run before it opens another: the interval less a tenth,
     * so timer jitter between nodes never makes an interval run twice, nor skip one.
     */
    static Duration minGap(Duration interval) {
        return interval.minus(interval.dividedBy(10));
    }

    private void tick() {
        if (closed || paused != null) {
            return;
        }
        Instant now = clock.instant();
        lastTick = now;
        Duration interval = schedule.tickInterval();
        Duration next = backoffDelay(interval, consecutiveFailures);
        try {
            SyncType type = dueType();
            TriggerResult result = manager.trigger(new RunRequest(type, SyncTrigger.SCHEDULED, minGap(interval)));
            if (result instanceof TriggerResult.Started started) {
                log.info("Scheduled {} sync started as run {}", started.run().type().name().toLowerCase(),
                        started.run().id());
            } else if (result instanceof TriggerResult.AlreadyRunning busy) {
                SyncRun active = busy.run();
                if (active.trigger() == SyncTrigger.SCHEDULED && !manager.nodeId().equals(active.owner())) {
                    log.debug("Scheduled sync: node {} is running this interval's sync (run {})", active.owner(),
                            active.id());
                } else {
                    log.info("Scheduled sync skipped: run {} ({}) is still running; next try in {}", active.id(),
                            active.trigger() == null ? "?" : active.trigger().name().toLowerCase(),
                            Intervals.format(next));
                }
            } else if (result instanceof TriggerResult.NotDue notDue) {
                // Another node ran this interval: tick again one interval after that run started.
                Instant due = notDue.run().startedAt().plus(interval);
                Duration wait = Duration.between(manager.stateStore().now(), due);
                Duration least = interval.minus(minGap(interval));
                next = wait.compareTo(least) < 0 ? least : wait.compareTo(next) > 0 ? next : wait;
                log.debug("Scheduled sync not due: run {} of node {} covered this interval", notDue.run().id(),
                        notDue.run().owner());
            }
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            consecutiveFailures++;
            next = backoffDelay(interval, consecutiveFailures);
            log.warn("Scheduled sync could not start ({} in a row): {}; next try in {}", consecutiveFailures,
                    e.toString(), Intervals.format(next));
            if (pauseIfDue(null)) {
                return;
            }
        }
        scheduleTick(next);
    }

    /** FULL when the schedule has a full interval and no full sync completed within it, else INCREMENTAL. */
    private SyncType dueType() {
        if (schedule.interval() == null) {
            return SyncType.FULL;
        }
        if (schedule.fullInterval() == null) {
            return SyncType.INCREMENTAL;
        }
        // Read from the shared history, so every node agrees which tick is the full one. Half a tick of slack makes
        // the full run land on the tick nearest to its interval.
        Instant since = manager.stateStore().now()
                .minus(schedule.fullInterval().minus(schedule.interval().dividedBy(2)));
        int pageSize = 50;
        for (int offset = 0; ; offset += pageSize) {
            Page<SyncRun> page = manager.history(pageSize, offset);
            for (SyncRun r : page.items()) {
                if (r.startedAt() != null && r.startedAt().isBefore(since)) {
                    return SyncType.FULL;
                }
                if (r.type() == SyncType.FULL && r.status() == RunStatus.COMPLETED) {
                    return SyncType.INCREMENTAL;
                }
            }
            if (!page.hasMore() || page.items().isEmpty()) {
                return SyncType.FULL;
            }
        }
    }

    private void onRunFinished(SyncRun run) {
        if (closed) {
            return;
        }
        Duration interval = schedule.tickInterval();
        if (run.status() == RunStatus.COMPLETED) {
            if (paused != null) {
                paused = null;
                log.info("Sync run {} completed; automatic sync resumed", run.id());
                events.record(ConfigEvent.KIND_SCHEDULE, ConfigEvent.ACTOR_SYSTEM,
                        "Automatic syncs resumed: sync run " + run.id() + " completed.");
            }
            if (consecutiveFailures > 0) {
                log.info("Sync run {} completed; automatic sync back to every {}", run.id(), Intervals.format(interval));
                consecutiveFailures = 0;
                rescheduleFromLastTick(interval);
            }
        } else if (run.trigger() == SyncTrigger.SCHEDULED && run.status() == RunStatus.ERROR && someSourcesSynced(run)) {
            // One failing source must not slow down or pause the others: only runs that synced nothing back off.
            log.warn("Scheduled sync run {} synced some sources but not all; next sync as usual", run.id());
        } else if (run.trigger() == SyncTrigger.SCHEDULED
                && (run.status() == RunStatus.ERROR || run.status() == RunStatus.INTERRUPTED)) {
            consecutiveFailures++;
            Duration delay = backoffDelay(interval, consecutiveFailures);
            if (pauseIfDue(run)) {
                return;
            }
            log.warn("Scheduled sync run {} failed ({} in a row); next try in {}", run.id(), consecutiveFailures,
                    Intervals.format(delay));
            rescheduleFromLastTick(delay);
        }
    }

    /** Whether a run of several sources completed some of them (a run of one source never does when it failed). */
    private boolean someSourcesSynced(SyncRun run) {
        try {
            return manager.sourceOutcomes(run.id()).stream().anyMatch(o -> o.status() == RunStatus.COMPLETED);
        } catch (RuntimeException e) {
            log.warn("Could not read which sources sync run {} synced; counting it as failed: {}", run.id(),
                    e.toString());
            return false;
        }
    }

    /** On the scheduler thread: pauses when the failures reached the setting; the published status has no next run. */
    private boolean pauseIfDue(SyncRun lastFailed) {
        if (pauseAfter <= 0 || consecutiveFailures < pauseAfter) {
            return false;
        }
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        paused = new Pause(clock.instant(), consecutiveFailures, lastFailed == null ? null : lastFailed.id(),
                lastFailed == null ? null : lastFailed.error());
        Duration interval = schedule.tickInterval();
        ScheduleStatus status = new ScheduleStatus(interval, null,
                schedule.interval() == null ? null : schedule.fullInterval(), consecutiveFailures, interval);
        published = status;
        manager.updateSchedule(status);
        log.warn("Automatic sync paused after {} failed scheduled runs in a row; resume it on the sync page "
                + "(a manual sync still works)", consecutiveFailures);
        events.record(ConfigEvent.KIND_SCHEDULE, ConfigEvent.ACTOR_SYSTEM, "Automatic syncs paused after "
                + consecutiveFailures + " failed scheduled syncs in a row.");
        return true;
    }

    private void rescheduleFromLastTick(Duration delay) {
        Instant due = (lastTick == null ? clock.instant() : lastTick).plus(delay);
        Duration wait = Duration.between(clock.instant(), due);
        scheduleTick(wait.isNegative() ? Duration.ZERO : wait);
    }

    private void scheduleTick(Duration delay) {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = executor.schedule(this::safeTick, delay.toMillis(), TimeUnit.MILLISECONDS);
        Duration interval = schedule.tickInterval();
        ScheduleStatus status = new ScheduleStatus(interval, clock.instant().plus(delay),
                schedule.fullInterval(), consecutiveFailures,
                backoffDelay(interval, consecutiveFailures));
        published = status;
        manager.updateSchedule(status);
        if (closed) {
            // close() ran meanwhile: do not leave a stale schedule on show.
            published = null;
            manager.updateSchedule(null);
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            // Never let one bad tick end the schedule: the executor drops a task that throws.
            log.error("Scheduled sync tick failed; trying again in one interval", e);
            scheduleTick(schedule.tickInterval());
        }
    }

    private void onScheduler(Runnable task) {
        ScheduledThreadPoolExecutor ex = executor;
        if (ex == null || closed) {
            return;
        }
        try {
            ex.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }
}
