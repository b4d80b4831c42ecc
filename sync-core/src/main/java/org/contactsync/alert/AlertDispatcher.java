package org.contactsync.alert;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts on a thread of its own, so a slow or dead receiver never holds up a run: {@link #dispatch} only
 * queues. A failed delivery is retried after each of the {@code retryDelays} (backoff), then dropped with a
 * warning. Alerts are independent: one that keeps failing does not delay the next.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);
    /** 1 s, 5 s, 30 s, 2 min, 10 min: about a quarter of an hour of receiver trouble is bridged. */
    public static final List<Duration> DEFAULT_RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));

    private final AlertSender sender;
    private final List<Duration> retryDelays;
    private final ScheduledThreadPoolExecutor thread;

    public AlertDispatcher(AlertSender sender) {
        this(sender, DEFAULT_RETRY_DELAYS);
    }

    public AlertDispatcher(AlertSender sender, List<Duration> retryDelays) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.retryDelays = List.copyOf(retryDelays);
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "contactsync-alerts");
            t.setDaemon(true);
            return t;
        });
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Queues the alert and returns at once. */
    public void dispatch(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        schedule(alert, 0, Duration.ZERO);
    }

    private void schedule(Alert alert, int attempt, Duration delay) {
        try {
            thread.schedule(() -> attempt(alert, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.info("Alert '{}' not sent: the application is stopping", alert.kind().eventName());
        }
    }

    private void attempt(Alert alert, int attempt) {
        try {
            sender.send(alert);
            log.info("Alert '{}'{} sent", alert.kind().eventName(),
                    alert.runId() == null ? "" : " for sync run " + alert.runId());
        } catch (Exception e) {
            if (attempt < retryDelays.size()) {
                Duration next = retryDelays.get(attempt);
                log.warn("Could not send the alert '{}' ({}); trying again in {} s", alert.kind().eventName(),
                        e.getMessage(), next.toSeconds());
                schedule(alert, attempt + 1, next);
            } else {
                log.warn("Gave up sending the alert '{}' after {} attempts ({})", alert.kind().eventName(),
                        attempt + 1, e.getMessage());
            }
        }
    }

    /** Stops at once; alerts not yet delivered are dropped (the log says which). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
