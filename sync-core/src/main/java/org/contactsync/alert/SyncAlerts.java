package org.contactsync.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.contactsync.health.SyncFreshness;
import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when to alert: a run of this node failed (error or interrupted; a cancel is not a failure), syncing became
 * stale (checked on a thread of its own, by {@link SyncFreshness}), and it recovered (a completed run, or fresh data
 * from another node, after either). Sending is the {@link AlertDispatcher}'s, off the run's thread.
 *
 * <pre>{@code
 * SyncAlerts alerts = SyncAlerts.start(manager, new AlertDispatcher(new WebhookAlertSender(url)), freshness);
 * }</pre>
 */
public final class SyncAlerts implements ProgressListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncAlerts.class);

    private final SyncManager manager;
    private final AlertDispatcher dispatcher;
    private final SyncFreshness freshness;
    private final ScheduledThreadPoolExecutor checks;
    // Guarded by this.
    private boolean failing;
    private boolean stale;

    private SyncAlerts(SyncManager manager, AlertDispatcher dispatcher, SyncFreshness freshness, Duration checkEvery) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.freshness = freshness;
        this.checks = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "contactsync-stale-check");
            t.setDaemon(true);
            return t;
        });
        if (freshness != null) {
            long every = checkEvery.toMillis();
            checks.scheduleWithFixedDelay(this::checkStale, every, every, TimeUnit.MILLISECONDS);
        }
        manager.addListener(this);
    }

    /**
     * Starts alerting for the manager's runs. {@code freshness} may be null (no stale alerts); staleness is checked
     * every tenth of its threshold, at most once a minute.
     */
    public static SyncAlerts start(SyncManager manager, AlertDispatcher dispatcher, SyncFreshness freshness) {
        Duration every = freshness == null ? Duration.ofMinutes(1) : freshness.staleAfter().dividedBy(10);
        return start(manager, dispatcher, freshness, every.compareTo(Duration.ofMinutes(1)) > 0
                ? Duration.ofMinutes(1) : every);
    }

    /** With the interval of the staleness checks. */
    public static SyncAlerts start(SyncManager manager, AlertDispatcher dispatcher, SyncFreshness freshness,
                                   Duration checkEvery) {
        if (checkEvery == null || checkEvery.isZero() || checkEvery.isNegative()) {
            throw new IllegalArgumentException("checkEvery must be positive, was " + checkEvery);
        }
        return new SyncAlerts(manager, dispatcher, freshness, checkEvery);
    }

    @Override
    public void runFinished(SyncRun run) {
        if (run.status() == RunStatus.ERROR || run.status() == RunStatus.INTERRUPTED) {
            synchronized (this) {
                failing = true;
            }
            String message = run.error() != null ? run.error() : "The sync failed. The server log has the details.";
            dispatcher.dispatch(alert(Alert.Kind.RUN_FAILED, "ContactSync: sync run " + run.id() + " ("
                    + name(run.type()) + ", " + name(run.trigger()) + ") failed: " + message, message, run));
        } else if (run.status() == RunStatus.COMPLETED) {
            boolean wasBad;
            synchronized (this) {
                wasBad = failing || stale;
                failing = false;
                stale = false;
            }
            if (wasBad) {
                SyncStats s = run.stats();
                dispatcher.dispatch(alert(Alert.Kind.RECOVERED, "ContactSync: syncing works again: run " + run.id()
                        + " completed (added " + s.added() + ", updated " + s.updated() + ", deleted " + s.deleted()
                        + ").", null, run));
            }
        }
    }

    /** Checks staleness now (the scheduled check calls this; tests may too). */
    public void checkStale() {
        if (freshness == null) {
            return;
        }
        SyncFreshness.Freshness f;
        try {
            f = freshness.now();
        } catch (RuntimeException e) {
            log.warn("Could not check whether the contacts are stale: {}", e.toString());
            return;
        }
        boolean becameStale;
        boolean recovered;
        synchronized (this) {
            becameStale = f.stale() && !stale;
            recovered = !f.stale() && stale;
            stale = f.stale();
            if (recovered) {
                failing = false;
            }
        }
        if (becameStale) {
            log.warn("Contacts are stale: {}", f.message());
            dispatcher.dispatch(alert(Alert.Kind.SYNC_STALE, "ContactSync: the contacts are stale. " + f.message(),
                    f.message(), null));
        } else if (recovered) {
            // Another node's sync succeeded: this node never saw the run.
            dispatcher.dispatch(alert(Alert.Kind.RECOVERED, "ContactSync: syncing works again: " + f.message(),
                    null, null));
        }
    }

    /** Stops checking and listening, and stops the dispatcher. */
    @Override
    public void close() {
        manager.removeListener(this);
        checks.shutdownNow();
        dispatcher.close();
    }

    private Alert alert(Alert.Kind kind, String text, String message, SyncRun run) {
        return new Alert(kind, text, message, run == null ? null : run.id(),
                run == null ? null : name(run.status()), run == null ? SyncStats.ZERO : run.stats(), Instant.now(),
                manager.nodeId());
    }

    private static String name(Enum<?> e) {
        return e == null ? "unknown" : e.name().toLowerCase(Locale.ROOT);
    }
}
