package org.contactsync.alert;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on 127.0.0.1 (the JDK's HTTP server): records each POSTed body and answers with the next
 * scripted status (200 when the script is empty); {@link #hold()} makes it stall until released.
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final List<String> contentTypes = new ArrayList<>();
    private final Deque<Integer> statuses = new ConcurrentLinkedDeque<>();
    private volatile CountDownLatch hold;
    private volatile int attempts;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/T0/SECRET-TOKEN", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                attempts++;
                CountDownLatch h = hold;
                if (h != null) {
                    h.await(30, TimeUnit.SECONDS);
                }
                Integer status = statuses.poll();
                int code = status == null ? 200 : status;
                if (code == 200) {
                    synchronized (received) {
                        received.add(body);
                        contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                    }
                }
                exchange.sendResponseHeaders(code, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/T0/SECRET-TOKEN");
    }

    /** The next answers, in order (e.g. 500, 503), before it goes back to 200. */
    void answer(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    /** Stalls every request until the returned latch is counted down. */
    CountDownLatch hold() {
        hold = new CountDownLatch(1);
        return hold;
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<String> contentTypes() {
        synchronized (received) {
            return List.copyOf(contentTypes);
        }
    }

    int attempts() {
        return attempts;
    }

    @Override
    public void close() {
        CountDownLatch h = hold;
        if (h != null) {
            h.countDown();
        }
        server.stop(0);
    }
}
