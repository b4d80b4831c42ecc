package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.carddav.CardDavSettings;
import org.contactsync.carddav.CardDavSyncEngine;
import org.contactsync.google.GoogleDirectorySyncEngine;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.DataAccessException;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.testkit.ScriptedContactStore;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.contactsync.vcard.VCardSyncEngine;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever fails (the People API, the Workspace directory, a CardDAV server, a vCard file, the contact store), what a person reads about a run (its message,
 * warning and every "current operation" shown while it ran) is a sentence: no exception class, no Java package, no
 * stack frame. Those belong in the technical detail and the log.
 */
class UserFacingRunMessagesTest {
    @TempDir
    static Path dir;
    private static PeopleApiEmulator google;

    /** A web server that is not a good CardDAV server: /401/, /403/, /500/ answer so, /html/ with a web page. */
    private static HttpServer notDav;

    @BeforeAll
    static void startServers() throws IOException {
        google = PeopleApiEmulator.start();
        google.generatePeople(30);
        notDav = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        for (int status : new int[] {401, 403, 500}) {
            notDav.createContext("/" + status + "/", ex -> {
                ex.sendResponseHeaders(status, -1);
                ex.close();
            });
        }
        notDav.createContext("/html/", ex -> {
            byte[] page = "<html><body>Welcome<br></body></html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        notDav.start();
    }

    @AfterAll
    static void stopServers() {
        google.close();
        notDav.stop(0);
    }

    /** A failure path: how to build the engine and store for it, and what status the run ends with. */
    record Path_(String name, Function<Path, SyncEngine> engine, Function<Path, ContactStore> store,
                 RunStatus expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> failures() {
        List<Path_> paths = new ArrayList<>();
        // The People API misbehaving, persistently (retries spent) or at once.
        // A list, not Map.of: the cases keep their order (and index) from run to run, so a failure can be rerun.
        for (Map.Entry<String, Fault> f : List.of(
                Map.entry("503 for good", Fault.serverError(503)),
                Map.entry("429 for good", Fault.rateLimited()),
                Map.entry("429 with a Retry-After past the budget", Fault.rateLimited(3600)),
                Map.entry("connection reset mid-body", Fault.resetMidBody()),
                Map.entry("malformed JSON", Fault.malformedJson()),
                Map.entry("JSON cut mid-object", Fault.truncatedJson()),
                Map.entry("a page cut after one contact", Fault.cutAfterFirstContact()),
                Map.entry("slower than the read timeout", Fault.slow()),
                Map.entry("401 for good", Fault.unauthorized()),
                Map.entry("403", Fault.status(403)))) {
            paths.add(new Path_("Google: " + f.getKey(), d -> google(s -> { }, f.getValue(), null),
                    d -> new InMemoryContactStore(), RunStatus.ERROR));
        }
        paths.add(new Path_("Google: 404", d -> google(s -> { }, Fault.status(404), null),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        paths.add(new Path_("Google: contact groups broken for a selective sync",
                d -> google(s -> s.groups(List.of("Friends")), null, Fault.malformedJson()),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        paths.add(new Path_("Google: unknown selected group",
                d -> google(s -> s.groups(List.of("Nope")), null, null), d -> new InMemoryContactStore(),
                RunStatus.ERROR));
        paths.add(new Path_("Google: contact groups failing without selection (completes)",
                d -> google(s -> { }, null, Fault.serverError(500)), d -> new InMemoryContactStore(),
                RunStatus.COMPLETED));
        paths.add(new Path_("Google: no account connected", d -> {
            GoogleSettings settings = google.settings().build();
            return new GooglePeopleSyncEngine(new GoogleAccount(settings, new InMemoryGoogleTokenStore()));
        }, d -> new InMemoryContactStore(), RunStatus.ERROR));

        // The Workspace directory.
        paths.add(new Path_("Google directory: empty (contact sharing off)",
                d -> new GoogleDirectorySyncEngine(account(s -> { }, null)), d -> new InMemoryContactStore(),
                RunStatus.ERROR));
        paths.add(new Path_("Google directory: 403", d -> {
            SyncEngine engine = new GoogleDirectorySyncEngine(account(s -> { }, null));
            google.denyDirectory(true);
            return engine;
        }, d -> new InMemoryContactStore(), RunStatus.ERROR));

        // CardDAV servers.
        for (String what : List.of("401", "403", "500", "html")) {
            paths.add(new Path_("CardDAV: " + what, d -> new CardDavSyncEngine(CardDavSettings.of(URI.create(
                    "http://127.0.0.1:" + notDav.getAddress().getPort() + "/" + what + "/book/"), "u", "p")),
                    d -> new InMemoryContactStore(), RunStatus.ERROR));
        }
        paths.add(new Path_("CardDAV: nothing listening", d -> new CardDavSyncEngine(CardDavSettings.of(
                URI.create("http://127.0.0.1:1/book/"), "u", "p")), d -> new InMemoryContactStore(),
                RunStatus.ERROR));

        // vCard files.
        paths.add(new Path_("vCard: missing file", d -> new VCardSyncEngine(d.resolve("missing.vcf")),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        paths.add(new Path_("vCard: a folder", d -> new VCardSyncEngine(d), d -> new InMemoryContactStore(),
                RunStatus.ERROR));
        paths.add(new Path_("vCard: binary", d -> vcard(d, new byte[] {'B', 0, 1, 2}),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        paths.add(new Path_("vCard: cut off", d -> vcard(d, "BEGIN:VCARD\r\nFN:Cut".getBytes(StandardCharsets.UTF_8)),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        paths.add(new Path_("vCard: unreadable cards (completes with a warning)", d -> vcard(d, (
                "BEGIN:VCARD\r\nVERSION:7\r\nFN:A\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:B\r\nTEL:none\r\nEND:VCARD\r\n"
                        + "BEGIN:VCARD\r\nFN:C\r\nEND:VCARD\r\n").getBytes(StandardCharsets.UTF_8)),
                d -> new InMemoryContactStore(), RunStatus.COMPLETED));
        paths.add(new Path_("vCard: the stream fails", d -> new VCardSyncEngine("stream.vcf", () -> {
            throw new IOException("Input/output error at java.io.FileInputStream.readBytes(Native Method)");
        }), d -> new InMemoryContactStore(), RunStatus.ERROR));

        // The contact store failing.
        String card = "BEGIN:VCARD\r\nFN:Ann\r\nTEL:+1 212 555 0100\r\nEND:VCARD\r\n";
        paths.add(new Path_("store: a bug in the store", d -> vcard(d, card.getBytes(StandardCharsets.UTF_8)),
                d -> failingStore(new NullPointerException("Cannot invoke \"java.util.Map.get(Object)\"")),
                RunStatus.ERROR));
        paths.add(new Path_("store: a JDBC failure", d -> vcard(d, card.getBytes(StandardCharsets.UTF_8)),
                d -> failingStore(new DataAccessException("Could not write contacts",
                        new SQLException("java.net.ConnectException: Connection refused", "08001"))),
                RunStatus.ERROR));
        paths.add(new Path_("store: a closed Derby database", d -> vcard(d, card.getBytes(StandardCharsets.UTF_8)),
                d -> {
                    ContactSyncDatabase db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory(
                            "closed-" + UUID.randomUUID()));
                    ContactStore store = db.contactStore();
                    db.close();
                    return store;
                }, RunStatus.ERROR));
        // An engine throwing something nobody foresaw.
        paths.add(new Path_("engine: an unexpected exception", d -> new ScriptedSyncEngine()
                .put(Contact.builder("x1").displayName("X").build())
                .failNextRun(1, new IllegalStateException("boom at org.example.Foo.bar(Foo.java:12)")),
                d -> new InMemoryContactStore(), RunStatus.ERROR));
        return paths.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void noMessageAPersonReadsAboutARunContainsJavaText(Path_ path) throws Exception {
        Path own = Files.createTempDirectory(dir, "run");
        List<String> shown = new ArrayList<>();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void progress(SyncRun run) {
                shown.add(run.currentOperation());
            }
        };
        try (SyncManager manager = SyncManager.builder().engine(path.engine().apply(own))
                .stateStore(new InMemorySyncStateStore()).contactStore(path.store().apply(own))
                .listener(recorder).nodeId("messages").build()) {
            TriggerResult started = manager.trigger(SyncType.FULL);
            SyncRun run = manager.await(started.run().id(), Duration.ofSeconds(30)).orElseThrow();
            shown.add(run.error());
            shown.add(run.currentOperation());

            assertThat(run.status()).as(run.error()).isEqualTo(path.expected());
            if (run.status() == RunStatus.ERROR) {
                assertThat(run.error()).as("a failed run says what happened").isNotBlank().endsWith(".");
                if (!path.name().startsWith("engine:") && !path.name().startsWith("store: a bug")) {
                    assertThat(run.error()).as("a failure this code foresees says which one")
                            .doesNotStartWith("The sync failed unexpectedly");
                }
            }
            for (String message : shown) {
                if (message != null) {
                    assertThat(message).doesNotContain("Exception", "java.", "\tat ", "Caused by")
                            .doesNotContainPattern("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(")
                            .doesNotContainPattern("\\w+\\.java:\\d+");
                }
            }
        }
    }

    private static SyncEngine google(Consumer<GoogleSettings.Builder> tweak, Fault connections, Fault groups) {
        GoogleAccount account = account(tweak, connections);
        if (groups != null) {
            google.failContactGroups(groups, Integer.MAX_VALUE);
        }
        return new GooglePeopleSyncEngine(account);
    }

    private static GoogleAccount account(Consumer<GoogleSettings.Builder> tweak, Fault connections) {
        google.clearFaults();
        google.denyDirectory(false);
        GoogleSettings.Builder b = google.settings().retryMaxTotal(Duration.ofMillis(300))
                .readTimeout(Duration.ofMillis(200));
        tweak.accept(b);
        GoogleSettings settings = b.build();
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        google.connect(tokens, settings);
        if (connections != null) {
            google.failConnections(connections, Integer.MAX_VALUE);
        }
        return new GoogleAccount(settings, tokens);
    }

    private static SyncEngine vcard(Path d, byte[] content) {
        try {
            Path file = d.resolve("contacts.vcf");
            Files.write(file, content);
            return new VCardSyncEngine(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A store that reads like an empty one and fails every write. */
    private static ContactStore failingStore(RuntimeException failure) {
        return new ScriptedContactStore(new InMemoryContactStore()).failEveryWrite(failure);
    }
}
