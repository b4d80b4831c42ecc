package org.contactsync.jaxrs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jaxrs.directory.DirectoryPhonesResource;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jaxrs.google.GoogleAuthResource;
import org.contactsync.jaxrs.metrics.ContactSyncMetrics;
import org.contactsync.jaxrs.sync.ScheduleResource;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.jaxrs.testkit.TestLoginFilter;
import org.contactsync.sync.SyncSchedule;
import org.contactsync.sync.SyncScheduler;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The viewer sees everything and can change nothing: every operation of the OpenAPI document that is not a GET (and
 * the GET that finishes a Google connect) is refused with 403 and a sentence, for a viewer signed in by HTTP Basic and
 * for one the container reports in the role {@code contactsync-viewer}; the administrator still gets through; every
 * GET answers the viewer as it answers the admin.
 */
class ViewerAccessTest {
    private static final String ADMIN = BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD);
    private static final String VIEWER = BasicAuth.header(ApiHarness.VIEWER_USER, ApiHarness.VIEWER_PASSWORD);
    /** The container's login, as {@link TestLoginFilter} stands in for it. */
    private static final String[] CONTAINER_VIEWER = {TestLoginFilter.USER, "carol", TestLoginFilter.ROLES,
            "staff, contactsync-viewer"};

    private final PeopleApiEmulator google = PeopleApiEmulator.start();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private SyncFixture sync;
    private SyncScheduler scheduler;
    private ContactSyncMetrics metrics;
    private ApiHarness api;
    private JsonNode paths;

    @BeforeEach
    void start() throws Exception {
        sync = new SyncFixture(new ScriptedSyncEngine().pageSize(1).put(TestContacts.people(3)));
        metrics = ContactSyncMetrics.prometheus().bind(sync.manager());
        scheduler = new SyncScheduler(sync.manager(), SyncSchedule.every(Duration.ofHours(1))
                .withInitialDelay(Duration.ofHours(1))).start();
        DirectoryResource directory = new DirectoryResource(new CiscoDirectory(sync.contacts()),
                new DirectorySettings("Contacts", null, false, ""));
        api = ApiHarness.builder().sync(sync, sync.manager()).jetty()
                .feature(f -> f.metrics(metrics))
                .component(new ScheduleResource(scheduler))
                .component(new GoogleAuthResource(new GoogleAccount(google.settings().build(),
                        new InMemoryGoogleTokenStore())))
                .component(directory)
                .component(new DirectoryPhonesResource(directory))
                .hostComponent(TestLoginFilter.class)
                .build();
        HttpResponse<String> doc = send("GET", "api/openapi.json", "Authorization", VIEWER);
        assertThat(doc.statusCode()).as("the viewer reads the API description").isEqualTo(200);
        paths = ApiHarness.json(doc.body()).get("paths");
    }

    @AfterEach
    void stop() {
        scheduler.close();
        api.close();
        metrics.close();
        google.close();
    }

    @Test
    void everyOperationThatChangesSomethingIsRefusedToTheViewerWithASentence() throws Exception {
        List<String> changing = operations(false);
        changing.add("GET /api/google/callback");
        assertThat(changing).as("the document's changing operations").contains("POST /api/sync/trigger",
                "POST /api/sync/schedule/resume", "POST /api/google/connect", "POST /api/google/disconnect");

        for (String op : changing) {
            for (String[] viewer : List.of(new String[] {"Authorization", VIEWER}, CONTAINER_VIEWER)) {
                HttpResponse<String> r = send(method(op), path(op) + "?code=c&state=s", viewer);
                assertThat(r.statusCode()).as("%s as %s: %s", op, viewer[0], r.body()).isEqualTo(403);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                assertThat(ApiHarness.json(r.body()).get("detail").asText()).as(op)
                        .isEqualTo(ReadOnlyFilter.REFUSED);
            }
        }
        assertThat(sync.manager().history(1, 0).total()).as("runs started by the viewer").isZero();
    }

    @Test
    void theAdministratorStillGetsThroughEveryOneOfThem() throws Exception {
        for (String op : operations(false)) {
            HttpResponse<String> r = send(method(op), path(op), "Authorization", ADMIN, "Accept", "application/json");
            assertThat(r.statusCode()).as("%s as the admin: %s", op, r.body()).isNotIn(401, 403);
            awaitIdle();
        }
    }

    @Test
    void everyReadingOperationAnswersTheViewerAsItAnswersTheAdmin() throws Exception {
        List<String> reading = operations(true);
        reading.remove("GET /api/google/callback");
        reading.remove("GET /api/sync/events");
        for (String op : reading) {
            int admin = send("GET", path(op), "Authorization", ADMIN).statusCode();
            for (String[] viewer : List.of(new String[] {"Authorization", VIEWER}, CONTAINER_VIEWER)) {
                assertThat(send("GET", path(op), viewer).statusCode()).as("GET %s as %s", path(op), viewer[0])
                        .isEqualTo(admin).isNotIn(401, 403);
            }
        }
        assertThat(reading).contains("GET /api/sync/timeline", "GET /metrics", "GET /api/contacts");
    }

    @Test
    void theViewerFollowsTheLiveEvents() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(api.baseUri().resolve("api/sync/events"))
                .header("Authorization", VIEWER).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(new String(in.readNBytes("event: status".length()))).isEqualTo("event: status");
        }
    }

    @Test
    void someoneSignedInWithNeitherRoleIsStillRefused() throws Exception {
        HttpResponse<String> r = send("GET", "api/sync/status", TestLoginFilter.USER, "dave", TestLoginFilter.ROLES,
                "staff");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(ApiHarness.json(r.body()).get("detail").asText()).contains("role 'contactsync-viewer'");
    }

    /** "METHOD /path" of every operation that is (or is not) a GET. */
    private List<String> operations(boolean gets) {
        List<String> ops = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : iterable(paths)) {
            for (Map.Entry<String, JsonNode> op : iterable(path.getValue())) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (method.equals("GET") == gets) {
                    ops.add(method + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    private static String method(String op) {
        return op.substring(0, op.indexOf(' '));
    }

    /** The operation's path with every parameter filled in, relative to the server. */
    private static String path(String op) {
        return op.substring(op.indexOf(' ') + 2).replaceAll("\\{[^}]+}", "1");
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitIdle() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !sync.manager().status().state().name().equals("RUNNING"));
    }

    private static List<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        node.fields().forEachRemaining(list::add);
        return list;
    }
}
