package org.contactsync.testkit.carddav;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real CardDAV server for tests: Debian's Radicale, started on a free 127.0.0.1 port with its own storage folder
 * and no authentication (any user name and password is accepted; a user owns {@code /USER/}). Without Radicale the
 * test is skipped with a message, except when {@code CI=true}, where it fails.
 */
public final class RadicaleServer implements AutoCloseable {
    public static final String USER = "alice";
    public static final String PASSWORD = "any-password";
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final URI root;
    private final Path log;
    private final Path storage;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RadicaleServer(Process process, URI root, Path log, Path storage) {
        this.process = process;
        this.root = root;
        this.log = log;
        this.storage = storage;
    }

    /** Starts Radicale with its storage under {@code dir}; skips (or, in CI, fails) when it is not installed. */
    public static RadicaleServer start(Path dir) throws IOException {
        boolean installed = Files.isExecutable(PYTHON) && importsRadicale();
        if (!installed) {
            String message = "Radicale is not installed (apt-get install radicale); CardDAV tests against a real"
                    + " server are skipped";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message.replace("are skipped", "cannot run, and CI=true"));
            }
            Assumptions.abort(message);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("radicale.log");
        Process p = new ProcessBuilder(PYTHON.toString(), "-m", "radicale", "--config", "",
                "--storage-filesystem-folder", dir.resolve("collections").toString(),
                "--server-hosts", "127.0.0.1:" + port, "--auth-type", "none")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RadicaleServer server = new RadicaleServer(p, URI.create("http://127.0.0.1:" + port + "/"), log,
                dir.resolve("collections"));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !p.isAlive() || accepts(port));
            if (!p.isAlive()) {
                throw new IllegalStateException("Radicale stopped at start-up: " + Files.readString(log));
            }
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static boolean importsRadicale() {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import radicale").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public URI root() {
        return root;
    }

    /** Creates an address book {@code /USER/name/} (extended MKCOL, RFC 5689) and returns its URL. */
    public URI createAddressBook(String name) {
        send("PROPFIND", root.resolve(USER + "/"), "<propfind xmlns=\"DAV:\"><prop><resourcetype/></prop></propfind>",
                "application/xml", List.of(207));
        URI book = root.resolve(USER + "/" + name + "/");
        send("MKCOL", book, """
                <?xml version="1.0" encoding="UTF-8" ?>
                <mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
                  <set><prop><resourcetype><collection/><CR:addressbook/></resourcetype>
                  <displayname>%s</displayname></prop></set>
                </mkcol>""".formatted(name), "application/xml", List.of(201));
        return book;
    }

    /** Stores (adds or replaces) the card {@code resource} (e.g. "ann.vcf") in the address book. */
    public void put(URI book, String resource, String vcard) {
        send("PUT", book.resolve(resource), vcard, "text/vcard; charset=utf-8", List.of(201, 204));
    }

    /**
     * Forgets every sync-token handed out so far (Radicale keeps them in each collection's cache folder), as a
     * server does that expires old tokens: the next sync-collection with one answers 403 valid-sync-token. Radicale
     * still accepts a token that names the collection's current state, so this also adds a card to {@code book};
     * returns its path.
     */
    public String expireSyncTokens(URI book) throws IOException {
        deleteTokenCaches();
        String resource = "after-expiry-" + System.nanoTime() + ".vcf";
        put(book, resource, "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + resource + "\r\nFN:Added After Expiry\r\n"
                + "TEL:+1 555 0199\r\nEND:VCARD\r\n");
        return book.getPath() + resource;
    }

    private void deleteTokenCaches() throws IOException {
        try (var paths = Files.walk(storage)) {
            for (Path p : paths.filter(p -> p.getFileName().toString().equals("sync-token")).toList()) {
                try (var inside = Files.walk(p)) {
                    for (Path f : inside.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    public void delete(URI book, String resource) {
        send("DELETE", book.resolve(resource), null, null, List.of(200, 204));
    }

    private void send(String method, URI url, String body, String type, List<Integer> expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (type != null) {
            b.header("Content-Type", type);
        }
        if (method.equals("PROPFIND")) {
            b.header("Depth", "0");
        }
        try {
            HttpResponse<String> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException staleConnection) {
                // Radicale closes idle keep-alive connections; the pool may hand one out: once more, fresh.
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            if (!expected.contains(r.statusCode())) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed; Radicale log: " + readLog(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
