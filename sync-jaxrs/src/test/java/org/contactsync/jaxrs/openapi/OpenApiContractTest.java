package org.contactsync.jaxrs.openapi;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.health.CheckResult;
import org.contactsync.health.HealthChecker;
import org.contactsync.jaxrs.directory.DirectoryPhonesResource;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jaxrs.google.GoogleAuthResource;
import org.contactsync.jaxrs.metrics.ContactSyncMetrics;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls every operation of the OpenAPI document over real HTTP, in the states that give its documented answers, and
 * validates each real response (status, content type, body) against the document. A field, status or endpoint the
 * document does not describe fails here, and so does an operation no call reaches.
 */
class OpenApiContractTest {
    private static final String ADMIN = BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD);

    private final PeopleApiEmulator google = PeopleApiEmulator.start();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Set<String> called = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private ScriptedSyncEngine engine;
    private SyncFixture sync;
    private ContactSyncMetrics metrics;
    private org.contactsync.sync.SyncScheduler scheduler;
    private ApiHarness api;
    private JsonNode document;
    private OpenApiInteractionValidator validator;

    @BeforeEach
    void start() throws Exception {
        engine = new ScriptedSyncEngine().pageSize(1).put(TestContacts.people(3));
        sync = new SyncFixture(engine);
        metrics = ContactSyncMetrics.prometheus().bind(sync.manager());
        GoogleAccount account = new GoogleAccount(google.settings().build(), new InMemoryGoogleTokenStore());
        HealthChecker health = HealthChecker.builder()
                .check("database", () -> databaseUp.get() ? CheckResult.up("The database answers.")
                        : CheckResult.down("The database cannot be reached."))
                .build();
        CiscoDirectory phoneDirectory = new CiscoDirectory(sync.contacts());
        DirectoryResource directory = new DirectoryResource(phoneDirectory,
                new DirectorySettings("Contacts", null, false, ""));
        scheduler = new org.contactsync.sync.SyncScheduler(sync.manager(), org.contactsync.sync.SyncSchedule
                .every(Duration.ofHours(1)).withInitialDelay(Duration.ofHours(1))).pauseAfter(5).start();
        api = ApiHarness.builder().sync(sync, sync.manager()).jetty()
                .component(new org.contactsync.jaxrs.sync.ScheduleResource(scheduler))
                .feature(f -> f.health(health).metrics(metrics))
                .component(new GoogleAuthResource(account))
                .component(directory)
                .component(new DirectoryPhonesResource(directory))
                .component(new org.contactsync.jaxrs.contact.DuplicatesResource(phoneDirectory))
                .build();
        HttpResponse<String> doc = send("GET", "api/openapi.json", ADMIN);
        assertThat(doc.statusCode()).isEqualTo(200);
        document = ApiHarness.json(doc.body());
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), doc.body());
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(doc.body())
                .withBasePathOverride("/").build();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        api.close();
        metrics.close();
        google.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(api.baseUri().resolve(path)).timeout(Duration.ofSeconds(90))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length == 1) {
            b.header("Authorization", headers[0]);
        } else if (headers.length > 1) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request, checks the status, validates the answer against the operation {@code template}. */
    private HttpResponse<String> call(String method, String template, String path, int expected, String... headers)
            throws Exception {
        HttpResponse<String> r = send(method, path, headers);
        assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
        validate(method, template, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                r.body());
        return r;
    }

    private void validate(String method, String template, String path, int status, String contentType, String body) {
        called.add(method + " " + template);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (contentType != null) {
            response.withContentType(contentType);
        }
        if (body != null && !body.isEmpty()) {
            response.withBody(body);
        }
        String p = "/" + (path.contains("?") ? path.substring(0, path.indexOf('?')) : path);
        ValidationReport report = validator.validateResponse(p, Request.Method.valueOf(method), response.build());
        if (report.hasErrors()) {
            problems.add(method + " " + path + " " + status + ": " + report.getMessages());
        }
    }

    @Test
    void everyOperationsRealAnswersMatchTheDocument() throws Exception {
        // Before any run.
        call("GET", "/api/sync/status", "api/sync/status", 200, ADMIN);
        call("GET", "/api/sync/info", "api/sync/info", 200, ADMIN);
        call("POST", "/api/sync/cancel", "api/sync/cancel", 409, ADMIN);
        call("GET", "/api/sync/runs/{id}", "api/sync/runs/999", 404, ADMIN);
        call("GET", "/api/sync/history", "api/sync/history?limit=100000", 400, ADMIN);
        call("GET", "/api/sync/status", "api/sync/status", 401);
        call("POST", "/api/sync/trigger", "api/sync/trigger?force_full=maybe", 400, ADMIN);
        call("POST", "/api/sync/trigger", "api/sync/trigger", 403, "Authorization", ADMIN, "Origin",
                "https://evil.example");
        call("POST", "/api/sync/trigger", "api/sync/trigger", 403, BasicAuth.header(ApiHarness.VIEWER_USER,
                ApiHarness.VIEWER_PASSWORD));

        // A run held mid-way: status while running, a second trigger, cancel.
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        call("POST", "/api/sync/trigger", "api/sync/trigger?force_full=true", 200, ADMIN);
        gate.awaitReached(Duration.ofSeconds(10));
        call("GET", "/api/sync/status", "api/sync/status", 200, ADMIN);
        call("POST", "/api/sync/trigger", "api/sync/trigger", 409, ADMIN);
        call("POST", "/api/sync/cancel", "api/sync/cancel", 200, ADMIN);
        gate.release();
        awaitIdle();

        // A completed run.
        long runId = ApiHarness.json(call("POST", "/api/sync/trigger", "api/sync/trigger", 200, ADMIN).body())
                .get("run_id").asLong();
        sync.manager().await(runId, Duration.ofSeconds(10));
        awaitIdle();
        call("GET", "/api/sync/status", "api/sync/status", 200, ADMIN);
        call("GET", "/api/sync/runs/{id}", "api/sync/runs/" + runId, 200, ADMIN);
        call("GET", "/api/sync/runs/{id}/changes", "api/sync/runs/" + runId + "/changes?limit=2", 200, ADMIN);
        call("GET", "/api/sync/runs/{id}/changes", "api/sync/runs/" + runId + "/changes?kind=moved", 400, ADMIN);
        call("GET", "/api/sync/runs/{id}/changes", "api/sync/runs/999/changes", 404, ADMIN);
        call("GET", "/api/sync/history", "api/sync/history?limit=5&offset=0", 200, ADMIN);
        call("GET", "/api/sync/history.json", "api/sync/history.json", 200, ADMIN);
        call("GET", "/api/sync/history.csv", "api/sync/history.csv", 200, ADMIN);
        call("GET", "/api/sync/info", "api/sync/info", 200, ADMIN);
        call("GET", "/api/sync/timeline", "api/sync/timeline?limit=5&offset=0", 200, ADMIN);
        call("GET", "/api/sync/timeline", "api/sync/timeline?limit=0", 400, ADMIN);
        call("POST", "/api/sync/preview", "api/sync/preview?force_full=true", 200, ADMIN);
        engine.failNextRuns(1, new SyncSourceException("The contact source refused the request. Try again later."));
        call("POST", "/api/sync/preview", "api/sync/preview", 502, ADMIN);
        sseAnswer();

        // The schedule (pausing and resuming are covered by ScheduleResourceTest).
        call("GET", "/api/sync/schedule", "api/sync/schedule", 200, ADMIN);
        call("POST", "/api/sync/schedule/resume", "api/sync/schedule/resume", 409, ADMIN);

        // Contacts.
        long contactId = ApiHarness.json(call("GET", "/api/contacts", "api/contacts?q=&limit=2", 200, ADMIN).body())
                .at("/contacts/0/id").asLong();
        call("GET", "/api/contacts", "api/contacts?q=" + "x".repeat(201), 400, ADMIN);
        call("GET", "/api/contacts/{id}", "api/contacts/" + contactId, 200, ADMIN);
        call("GET", "/api/contacts/{id}", "api/contacts/999999", 404, ADMIN);
        sync.contacts().write(java.util.List.of(
                org.contactsync.contact.Contact.builder("staff/1").source("staff").displayName("Merged Person")
                        .phone("+1 555 777 0001", org.contactsync.contact.PhoneType.WORK).build(),
                org.contactsync.contact.Contact.builder("customers/1").source("customers").displayName("M. Person")
                        .phone("+15557770001", org.contactsync.contact.PhoneType.MAIN).build()), java.util.List.of());
        JsonNode duplicates = ApiHarness.json(call("GET", "/api/contacts/duplicates",
                "api/contacts/duplicates?limit=5", 200, ADMIN).body());
        assertThat(duplicates.at("/groups/0/members")).as("a merged group to validate").hasSize(2);
        call("GET", "/api/contacts/duplicates", "api/contacts/duplicates?offset=-1", 400, ADMIN);

        // Google.
        call("GET", "/api/google/status", "api/google/status", 200, ADMIN);
        call("POST", "/api/google/connect", "api/google/connect", 200, "Authorization", ADMIN, "Accept",
                "application/json");
        call("POST", "/api/google/connect", "api/google/connect", 303, "Authorization", ADMIN, "Accept", "text/html");
        call("GET", "/api/google/callback", "api/google/callback?code=c&state=forged", 400, ADMIN);
        call("POST", "/api/google/disconnect", "api/google/disconnect", 200, ADMIN);

        // Probes and metrics.
        call("GET", "/health", "health", 200);
        call("GET", "/health/ready", "health/ready", 200);
        databaseUp.set(false);
        call("GET", "/health/ready", "health/ready", 503);
        call("GET", "/metrics", "metrics", 200, ADMIN);
        call("GET", "/metrics", "metrics", 401);

        // The phone directory.
        HttpResponse<String> menu = call("GET", "/directory", "directory", 200);
        call("GET", "/directory", "directory", 304, "If-None-Match", menu.headers().firstValue("ETag").orElseThrow());
        call("GET", "/directory/groups/{group}", "directory/groups/2", 200);
        call("GET", "/directory/contacts/{id}", "directory/contacts/999999", 404);
        call("GET", "/directory/search", "directory/search?q=a", 200);
        call("GET", "/directory/help", "directory/help", 200);
        call("GET", "/directory/{rest}", "directory/nothing-here", 404);
        call("GET", "/directory/cisco", "directory/cisco", 200);
        call("GET", "/directory/cisco/groups/{group}", "directory/cisco/groups/2", 200);
        call("GET", "/directory/cisco/favourites", "directory/cisco/favourites", 200);
        call("GET", "/directory/cisco/labels", "directory/cisco/labels", 200);
        call("GET", "/directory/cisco/contacts/{id}", "directory/cisco/contacts/999999", 404);
        call("GET", "/directory/cisco/search", "directory/cisco/search", 200);
        call("GET", "/directory/cisco/help", "directory/cisco/help", 200);
        call("GET", "/directory/favourites", "directory/favourites", 200);
        call("GET", "/directory/labels", "directory/labels", 200);
        JsonNode phones = ApiHarness.json(call("GET", "/api/directory/phones", "api/directory/phones", 200, ADMIN)
                .body());
        String yealink = null;
        for (JsonNode vendor : phones) {
            if (vendor.get("vendor").asText().equals("yealink")) {
                yealink = vendor.at("/urls/0").asText();
            }
        }
        assertThat(yealink).as("the yealink phonebook URL").isNotNull();
        String file = yealink.substring(yealink.lastIndexOf('/') + 1);
        call("GET", "/directory/{vendor}/{file}", "directory/yealink/" + file, 200);
        call("GET", "/directory/{vendor}/{file}", "directory/yealink/no-such-file.xml", 404);
        call("GET", "/directory/{vendor}/{file}", "directory/yealink/" + file + "?part=x", 400);
        call("GET", "/directory/lookup", "directory/lookup?number=%2B15550002", 200);
        call("GET", "/directory/lookup", "directory/lookup?number=%2B15550002", 200, "Accept", "application/json");
        call("GET", "/directory/lookup", "directory/lookup?number=%2B19999999999", 404);
        call("GET", "/directory/lookup", "directory/lookup", 400);
        // The phones' own browsers (Yealink XML browser, Snom minibrowser).
        for (String base : java.util.List.of("", "cisco/")) {
            String t = "/directory/" + base + "{vendor}/browse";
            call("GET", t, "directory/" + base + "yealink/browse", 200);
            call("GET", t + "/groups/{group}", "directory/" + base + "snom/browse/groups/2", 200);
            call("GET", t + "/favourites", "directory/" + base + "yealink/browse/favourites", 200);
            call("GET", t + "/search", "directory/" + base + "snom/browse/search", 200);
            call("GET", t + "/contacts/{id}", "directory/" + base + "yealink/browse/contacts/999999", 404);
        }
        // The Cisco pages' own path serves the rest too.
        call("GET", "/directory/cisco/lookup", "directory/cisco/lookup?number=%2B15550002", 200);
        call("GET", "/directory/cisco/{vendor}/{file}", "directory/cisco/yealink/" + file, 200);
        call("GET", "/directory/cisco/{rest}", "directory/cisco/nothing-here", 404);
        for (String prefix : new String[] {"/directory", "/directory/cisco"}) {
            String p = prefix.substring(1);
            call("GET", prefix + "/{vendor}/browse", p + "/yealink/browse", 200);
            call("GET", prefix + "/{vendor}/browse/groups/{group}", p + "/snom/browse/groups/2", 200);
            call("GET", prefix + "/{vendor}/browse/favourites", p + "/yealink/browse/favourites", 200);
            call("GET", prefix + "/{vendor}/browse/search", p + "/snom/browse/search?q=a", 200);
            call("GET", prefix + "/{vendor}/browse/contacts/{id}", p + "/yealink/browse/contacts/999999", 404);
        }

        assertThat(problems).as("answers the document does not describe").isEmpty();
        assertThat(called).as("operations called").containsAll(documentedOperations());
    }

    @Test
    void everyExampleInTheDocumentMatchesItsOwnSchema() throws Exception {
        int examples = 0;
        for (Map.Entry<String, JsonNode> path : fields(document.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                for (Map.Entry<String, JsonNode> resp : fields(op.getValue().path("responses"))) {
                    for (Map.Entry<String, JsonNode> media : fields(resp.getValue().path("content"))) {
                        List<JsonNode> values = new ArrayList<>();
                        if (media.getValue().has("example")) {
                            values.add(media.getValue().get("example"));
                        }
                        fields(media.getValue().get("examples")).forEach(e -> values.add(e.getValue().get("value")));
                        for (JsonNode value : values) {
                            String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
                            String body = value.isTextual() ? value.asText() : value.toString();
                            validate(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), concrete.substring(1),
                                    Integer.parseInt(resp.getKey()), media.getKey(),
                                    body);
                            examples++;
                        }
                    }
                }
            }
        }
        assertThat(examples).as("examples in the document").isGreaterThan(15);
        assertThat(problems).as("examples that do not match their schema").isEmpty();
    }

    @Test
    void everyApiOperationDescribesItsErrorsWithTheErrorShape() {
        for (Map.Entry<String, JsonNode> path : fields(document.get("paths"))) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                JsonNode responses = op.getValue().get("responses");
                assertThat(responses.has("401") && responses.has("500"))
                        .as("%s %s documents 401 and 500", op.getKey(), path.getKey()).isTrue();
                assertThat(op.getValue().path("summary").asText()).as("%s %s has a summary", op.getKey(),
                        path.getKey()).isNotBlank();
                for (Map.Entry<String, JsonNode> r : fields(responses)) {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        assertThat(r.getValue().at("/content/application~1json/schema/$ref").asText())
                                .as("%s %s %s", op.getKey(), path.getKey(), r.getKey())
                                .isEqualTo("#/components/schemas/Error");
                    }
                }
            }
        }
        assertThat(document.at("/components/schemas/Error/required/0").asText()).isEqualTo("detail");
    }

    private void awaitIdle() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !sync.manager().status().state().name().equals("RUNNING"));
    }

    /** The event stream never ends by itself: read its headers, then let go. */
    private void sseAnswer() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(api.baseUri().resolve("api/sync/events"))
                .header("Authorization", ADMIN).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            // The first event comes at once; it ends with an empty line.
            StringBuilder first = new StringBuilder();
            while (!first.toString().endsWith("\n\n")) {
                int c = in.read();
                assertThat(c).as("the stream's first event").isNotNegative();
                first.append((char) c);
            }
            assertThat(first.toString()).startsWith("event: status\n");
            validate("GET", "/api/sync/events", "api/sync/events", 200,
                    r.headers().firstValue("Content-Type").orElseThrow(), first.toString());
        }
    }

    private Set<String> documentedOperations() {
        Set<String> ops = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : fields(document.get("paths"))) {
            for (Map.Entry<String, JsonNode> op : fields(path.getValue())) {
                ops.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return ops;
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        if (node != null) {
            node.fields().forEachRemaining(list::add);
        }
        return list;
    }
}
