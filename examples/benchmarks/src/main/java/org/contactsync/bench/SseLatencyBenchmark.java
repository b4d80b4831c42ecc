package org.contactsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ContactSyncFeature;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncType;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * Live progress latency: the time from an engine's {@link SyncContext#progress} call to the moment a client reading
 * {@code GET /api/sync/events} over a real HTTP connection on 127.0.0.1 has the {@code status} event that shows it
 * (or a later one). The REST API runs with its default event settings; engine and client share one JVM, so one clock.
 */
final class SseLatencyBenchmark {
    private static final String USER = "admin";
    private static final String PASSWORD = "bench-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Latencies of one series, in microseconds, and how many steps the client saw. */
    record Result(String label, long gapMillis, int steps, List<Long> latencyMicros) {
        long percentile(double p) {
            List<Long> s = new ArrayList<>(latencyMicros);
            s.sort(null);
            if (s.isEmpty()) {
                return -1;
            }
            return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
        }
    }

    /** Reports progress 1..steps with a pause between calls, noting when each call was made. */
    private static final class PacedEngine implements SyncEngine {
        volatile int steps;
        volatile long gapNanos;
        volatile long[] sentNanos = new long[0];

        @Override
        public String name() {
            return "paced";
        }

        @Override
        public void sync(SyncContext context) {
            long[] sent = new long[steps + 1];
            sentNanos = sent;
            pause(300_000_000L);
            for (int i = 1; i <= steps; i++) {
                sent[i] = System.nanoTime();
                context.progress(i, "step " + i);
                pause(gapNanos);
            }
            // Let the last events through before the run ends.
            pause(400_000_000L);
        }

        private static void pause(long nanos) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(end - System.nanoTime());
            }
        }
    }

    List<Result> run(int steps, long... gapsMillis) throws Exception {
        if (steps < 1 || steps > 99) {
            throw new IllegalArgumentException("steps must be 1..99 (progress percent), was " + steps);
        }
        PacedEngine engine = new PacedEngine();
        List<Result> results = new ArrayList<>();
        try (ContactSyncDatabase db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("sse-bench-"
                + Long.toString(System.nanoTime(), 36)));
             SyncManager sync = SyncManager.builder().engine(engine).contactStore(db.contactStore())
                     .stateStore(db.syncStateStore()).build();
             JettyServer server = JettyServer.start(0, new ResourceConfig().register(ContactSyncFeature.builder(sync)
                     .settings(ApiSettings.builder().adminCredentials(USER, PASSWORD).build()).build()), null)) {
            for (long gap : gapsMillis) {
                engine.steps = steps;
                engine.gapNanos = gap * 1_000_000L;
                results.add(measure(sync, server, engine, gap));
            }
        }
        return results;
    }

    private Result measure(SyncManager sync, JettyServer server, PacedEngine engine, long gapMillis) throws Exception {
        List<long[]> received = new CopyOnWriteArrayList<>(); // {progress, nanoTime}
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        String auth = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve("api/sync/events"))
                .header("Accept", "text/event-stream").header("Authorization", auth).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> stream = response.get(10, TimeUnit.SECONDS);
        if (stream.statusCode() != 200) {
            throw new IllegalStateException("GET /api/sync/events answered " + stream.statusCode());
        }
        Thread reader = new Thread(() -> read(stream.body(), received, connected, finished), "sse-bench-client");
        reader.setDaemon(true);
        reader.start();
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no first status event within 10 s");
        }
        long runId = sync.trigger(SyncType.FULL).run().id();
        sync.await(runId, Duration.ofMinutes(2));
        finished.await(10, TimeUnit.SECONDS);
        stream.body().close();

        long[] sent = engine.sentNanos;
        List<Long> latencies = new ArrayList<>();
        for (int i = 1; i < sent.length; i++) {
            for (long[] r : received) {
                if (r[0] >= i && r[1] >= sent[i]) {
                    latencies.add((r[1] - sent[i]) / 1_000);
                    break;
                }
            }
        }
        return new Result(gapMillis >= 100 ? "paced" : "burst", gapMillis, sent.length - 1, latencies);
    }

    private static void read(Stream<String> lines, List<long[]> received, CountDownLatch connected,
                             CountDownLatch finished) {
        String event = null;
        StringBuilder data = new StringBuilder();
        try (lines) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    long now = System.nanoTime();
                    if ("status".equals(event) && data.length() > 0) {
                        JsonNode json = parse(data.toString());
                        connected.countDown();
                        if ("running".equals(json.path("status").asText())) {
                            received.add(new long[] {json.path("progress").asLong(), now});
                        }
                    } else if ("finished".equals(event)) {
                        finished.countDown();
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed
        }
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
