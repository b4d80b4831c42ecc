package org.contactsync.jaxrs.sync;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code GET /api/sync/events}: one poller per application (not per client) reads
 * {@link SyncManager#status()} — which reads the shared store, so runs on other nodes show too — and broadcasts a
 * {@code status} event whenever it changed, at most one per {@link ApiSettings#eventMinGap()}. This node's
 * {@link ProgressListener} calls wake the poller at once, so local runs show without waiting for the next poll.
 * When a run ends a {@code finished} event follows its last {@code status}; idle streams get a comment line every
 * {@link ApiSettings#eventHeartbeat()}. Polling pauses while nobody listens.
 *
 * <p>Everything but {@link #subscribe} runs on the hub's single thread, so its state needs no locks.
 */
public final class SyncEventHub implements ProgressListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncEventHub.class);
    static final long RECONNECT_DELAY_MS = 3_000;

    private final SyncManager manager;
    private final ObjectMapper json;
    private final ApiSettings settings;
    private final ScheduledExecutorService thread;
    private final Set<SseEventSink> clients = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong eventIds = new AtomicLong();
    private volatile boolean closed;
    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;
    private SyncJson.Status lastSent;
    private long lastSentNanos;
    private boolean delayedPublishQueued;

    public SyncEventHub(SyncManager manager, ObjectMapper json, ApiSettings settings) {
        this.manager = manager;
        this.json = json;
        this.settings = settings;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contactsync-sse");
            t.setDaemon(true);
            return t;
        });
        manager.addListener(this);
    }

    /** Sends the current status to a new client at once, then every change. */
    public void subscribe(SseEventSink sink, Sse sseFromRequest) {
        if (closed) {
            sink.close();
            return;
        }
        startOnce(sseFromRequest);
        clients.add(sink);
        // On the hub's thread, so the first event cannot overtake or follow a broadcast out of order.
        execute(() -> {
            SyncJson.Status now = currentStatus();
            send(sink, event("status", now));
            broadcaster.register(sink);
            if (lastSent == null) {
                lastSent = now;
                lastSentNanos = System.nanoTime();
            }
        });
    }

    /** How many clients are connected (closed ones are noticed at the next heartbeat or event). */
    public int clientCount() {
        clients.removeIf(SseEventSink::isClosed);
        return clients.size();
    }

    @Override
    public void runStarted(SyncRun run) {
        wake();
    }

    @Override
    public void progress(SyncRun run) {
        wake();
    }

    @Override
    public void runFinished(SyncRun run) {
        wake();
    }

    @Override
    public void close() {
        closed = true;
        manager.removeListener(this);
        thread.shutdownNow();
        SseBroadcaster b = broadcaster;
        if (b != null) {
            quietly(b::close);
        }
        clients.forEach(sink -> quietly(sink::close));
        clients.clear();
    }

    /** Closing a stream whose client already left fails; at shutdown that is expected and not worth a stack trace. */
    private static void quietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            log.debug("Closing an event stream failed: {}", e.toString());
        }
    }

    private synchronized void startOnce(Sse sseFromRequest) {
        if (started.get()) {
            return;
        }
        sse = sseFromRequest;
        broadcaster = sseFromRequest.newBroadcaster();
        broadcaster.onClose(clients::remove);
        broadcaster.onError((sink, error) -> {
            // A client that went away: the broadcaster drops it; so do we.
            log.debug("Event stream client dropped: {}", error.toString());
            clients.remove(sink);
        });
        long poll = settings.eventPollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::poll, poll, poll, TimeUnit.MILLISECONDS);
        long beat = settings.eventHeartbeat().toMillis();
        thread.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        started.set(true);
    }

    private void wake() {
        if (started.get() && !closed && wakeQueued.compareAndSet(false, true)) {
            execute(() -> {
                wakeQueued.set(false);
                if (clientCount() > 0) {
                    publishIfChanged();
                }
            });
        }
    }

    private void poll() {
        if (clientCount() > 0) {
            publishIfChanged();
        } else {
            // Nobody saw what happened meanwhile: the next client starts from its own first event.
            lastSent = null;
        }
    }

    private void heartbeat() {
        if (clientCount() > 0) {
            broadcaster.broadcast(sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    private void publishIfChanged() {
        try {
            SyncJson.Status now = currentStatus();
            SyncJson.Status previous = lastSent;
            if (previous != null && previous.withoutDuration().equals(now.withoutDuration())) {
                return;
            }
            long gapNanos = settings.eventMinGap().toNanos();
            long since = System.nanoTime() - lastSentNanos;
            if (previous != null && since < gapNanos) {
                // Too soon: publish whatever is current when the gap is over (one delayed publish at a time).
                if (!delayedPublishQueued) {
                    delayedPublishQueued = true;
                    thread.schedule(() -> {
                        delayedPublishQueued = false;
                        publishIfChanged();
                    }, gapNanos - since, TimeUnit.NANOSECONDS);
                }
                return;
            }
            lastSent = now;
            lastSentNanos = System.nanoTime();
            broadcaster.broadcast(event("status", now));
            finishedRun(previous, now).ifPresent(done -> broadcaster.broadcast(event("finished", done)));
        } catch (RuntimeException e) {
            // The store may be unreachable for a moment; the next poll tries again.
            log.warn("Could not publish the sync status to event streams: {}", e.toString());
        }
    }

    /** The run that ended between the last event and now, if one did. */
    private Optional<SyncJson.Status> finishedRun(SyncJson.Status previous, SyncJson.Status now) {
        if (now.running()) {
            return Optional.empty();
        }
        if (previous != null && previous.running() && previous.runId() != null
                && !previous.runId().equals(now.runId())) {
            // Another run started and ended in between; report the one we saw running as it ended.
            return manager.run(previous.runId()).map(r -> SyncJson.status(r, Instant.now()));
        }
        boolean sameRunEnded = previous != null && previous.running() && previous.runId().equals(now.runId());
        boolean unseenRunEnded = previous != null && now.runId() != null && !now.runId().equals(previous.runId());
        return sameRunEnded || unseenRunEnded ? Optional.of(now) : Optional.empty();
    }

    private SyncJson.Status currentStatus() {
        return SyncJson.status(manager.status());
    }

    private OutboundSseEvent event(String name, SyncJson.Status status) {
        String data;
        try {
            data = json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the status as JSON", e);
        }
        return sse.newEventBuilder()
                .name(name)
                .id(Long.toString(eventIds.incrementAndGet()))
                .reconnectDelay(RECONNECT_DELAY_MS)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, data)
                .build();
    }

    private void send(SseEventSink sink, OutboundSseEvent event) {
        if (!sink.isClosed()) {
            sink.send(event).exceptionally(e -> {
                clients.remove(sink);
                return null;
            });
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shut down: nothing more to send.
        }
    }
}
