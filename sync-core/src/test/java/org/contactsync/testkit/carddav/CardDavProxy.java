package org.contactsync.testkit.carddav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small 127.0.0.1 proxy in front of a real CardDAV server (Radicale) that makes it behave as other servers do:
 * {@link #withoutSyncCollection} is an older server that does not know RFC 6578 (it drops {@code sync-collection}
 * from the {@code supported-report-set} of PROPFIND answers and answers a sync-collection REPORT with 501 Not
 * Implemented), and {@link #failMultigetsAfter} makes the server fail in the middle of a read. Everything else is
 * passed through unchanged.
 */
public final class CardDavProxy implements AutoCloseable {
    private static final List<String> PASSED_HEADERS = List.of("Authorization", "Depth", "Content-Type");

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger refusedSyncCollections = new AtomicInteger();
    private final boolean syncCollection;
    private final AtomicInteger multigetsBeforeFailure = new AtomicInteger(-1);

    private CardDavProxy(URI target, boolean syncCollection) throws IOException {
        this.target = target;
        this.syncCollection = syncCollection;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "no-sync-collection-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The server as it is. */
    public static CardDavProxy passThrough(URI target) throws IOException {
        return new CardDavProxy(target, true);
    }

    /** The server as an older one without RFC 6578 sync-collection. */
    public static CardDavProxy withoutSyncCollection(URI target) throws IOException {
        return new CardDavProxy(target, false);
    }

    /** After {@code ok} more addressbook-multiget REPORTs, the next one answers 503 (once). */
    public void failMultigetsAfter(int ok) {
        multigetsBeforeFailure.set(ok);
    }

    /** The proxy's URL for the same path as {@code radicaleUrl}. */
    public URI url(URI radicaleUrl) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + radicaleUrl.getRawPath());
    }

    /** How many sync-collection REPORTs were refused (a client that keeps asking would show here). */
    public int refusedSyncCollections() {
        return refusedSyncCollections.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = ex.getRequestMethod();
            String text = new String(body, StandardCharsets.UTF_8);
            if (!syncCollection && method.equals("REPORT") && text.contains("sync-collection")) {
                refusedSyncCollections.incrementAndGet();
                ex.sendResponseHeaders(501, -1);
                return;
            }
            if (method.equals("REPORT") && text.contains("addressbook-multiget")
                    && multigetsBeforeFailure.getAndUpdate(n -> n < 0 ? n : n - 1) == 0) {
                ex.sendResponseHeaders(503, -1);
                return;
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : PASSED_HEADERS) {
                String v = ex.getRequestHeaders().getFirst(h);
                if (v != null) {
                    b.header(h, v);
                }
            }
            HttpResponse<byte[]> r;
            try {
                try {
                    r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException staleConnection) {
                    r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            byte[] answer = r.body();
            if (!syncCollection && method.equals("PROPFIND")) {
                String xml = new String(answer, StandardCharsets.UTF_8);
                xml = xml.replaceAll("(?s)<supported-report>(?:(?!</supported-report>).)*sync-collection"
                        + "(?:(?!</supported-report>).)*</supported-report>", "");
                answer = xml.getBytes(StandardCharsets.UTF_8);
            }
            r.headers().firstValue("Content-Type").ifPresent(v -> ex.getResponseHeaders().set("Content-Type", v));
            r.headers().firstValue("ETag").ifPresent(v -> ex.getResponseHeaders().set("ETag", v));
            ex.sendResponseHeaders(r.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
