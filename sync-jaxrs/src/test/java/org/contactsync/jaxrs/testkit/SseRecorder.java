package org.contactsync.jaxrs.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Server-Sent Events client for tests over a real HTTP connection: records every event (name, id, data) and
 * counts comment lines (heartbeats) until closed. Parses the stream the way browsers do.
 */
public final class SseRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as received; {@code data} is the joined data lines. */
    public record Event(String name, String id, String data, long receivedNanos) {
        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException("event data is not JSON: " + data, e);
            }
        }
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile boolean ended;
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseRecorder(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-recorder");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the stream with the given request headers; returns once the response headers arrived. */
    public static SseRecorder open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        try {
            CompletableFuture<HttpResponse<Stream<String>>> f = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5)).build()
                    .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            return new SseRecorder(f.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("could not open the event stream " + uri, e);
        }
    }

    public int statusCode() {
        return response.statusCode();
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(String name) {
        return events.stream().filter(e -> name.equals(e.name())).toList();
    }

    public int comments() {
        return comments.get();
    }

    private void read() {
        String name = null;
        String id = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString(), System.nanoTime()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> name = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> {
                            // retry and unknown fields are not recorded
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // The stream ended (closed by us or the server).
        } finally {
            ended = true;
        }
    }

    /** Whether the stream has ended (the server closed it, or {@link #close()} was called). */
    public boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        reader.interrupt();
        // Closing the body stream ends the HTTP exchange.
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
