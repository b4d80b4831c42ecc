package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.contactsync.google.GoogleDirectorySyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR with three named sources from its configuration keys (see {@link ThreeSourcesApp}): "Sync now" reads all
 * three, a source's own sync reads only it, the history filters by source, and each Google source connects and
 * disconnects its own account through the one OAuth callback.
 */
class NamedSourcesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ThreeSourcesApp sources;

    @BeforeEach
    void start() throws Exception {
        sources = new ThreeSourcesApp(dir);
    }

    @AfterEach
    void stop() throws Exception {
        sources.close();
    }

    @Test
    void syncNowReadsEverySourceInOrderAndASourcesOwnSyncReadsOnlyIt() throws Exception {
        sources.workspace.generateDirectoryPeople(12, PeopleApiEmulator.DOMAIN_PROFILE);
        sources.customersAccount.generatePeople(5);
        sources.connect("staff", sources.workspace);
        sources.connect("customers", sources.customersAccount);

        long all = started(sources.send("POST", "/api/sync/trigger"));
        awaitEnd(all);

        JsonNode listed = json(sources.send("GET", "/api/sync/sources")).get("sources");
        assertThat(listed).extracting(s -> s.get("name").asText(), s -> s.get("type").asText(),
                s -> s.get("state").asText(), s -> s.at("/stats/added").asInt())
                .containsExactly(tuple("staff", "google-directory", "completed", 12),
                        tuple("customers", "google", "completed", 5),
                        tuple("suppliers", "vcard", "completed", 2));
        // The emulated accounts number their people alike (+1 555 000-0001 …), so the 5 customers are 5 of the staff
        // by their numbers: the phones see one entry for each, 12 + 2 suppliers.
        assertThat(sources.app.application().directory().snapshot().contacts()).hasSize(14);
        assertThat(sources.app.application().directory().snapshot().merges()).hasSize(5);

        long one = started(sources.send("POST", "/api/sync/trigger?source=suppliers&force_full=true"));
        awaitEnd(one);

        JsonNode run = json(sources.send("GET", "/api/sync/runs/" + one));
        assertThat(run.get("sources")).extracting(s -> s.get("source").asText()).containsExactly("suppliers");
        assertThat(json(sources.send("GET", "/api/sync/history?source=staff")).get("total").asInt()).isEqualTo(1);
        assertThat(json(sources.send("GET", "/api/sync/history?source=suppliers")).get("total").asInt())
                .isEqualTo(2);
        assertThat(json(sources.send("GET", "/api/sync/history")).get("total").asInt()).isEqualTo(2);
    }

    @Test
    void eachGoogleSourceConnectsAndDisconnectsItsOwnAccountThroughTheOneCallback() throws Exception {
        HttpResponse<String> connect = sources.send("POST", "/api/google/staff/connect");
        assertThat(connect.statusCode()).as(connect.body()).isEqualTo(200);
        String cookie = connect.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("contactsync_google_state_staff=")).findFirst().orElseThrow();
        URI back = sources.workspace.consent(URI.create(json(connect).get("authorization_url").asText()));
        assertThat(sources.workspace.authorizationRequests().get(0))
                .containsEntry("scope", GoogleDirectorySyncEngine.SCOPE);
        assertThat(back.getPath()).isEqualTo("/api/google/callback");

        HttpResponse<String> callback = sources.send("GET", back.getPath() + "?" + back.getRawQuery(),
                "Cookie", cookie.substring(0, cookie.indexOf(';')), "Accept", "text/html");

        assertThat(callback.statusCode()).as(callback.body()).isEqualTo(303);
        assertThat(callback.headers().firstValue("Location").orElseThrow())
                .endsWith("/?google=connected&source=staff");
        assertThat(json(sources.send("GET", "/api/google/staff/status")).get("connected").asBoolean()).isTrue();
        assertThat(json(sources.send("GET", "/api/google/customers/status")).get("connected").asBoolean())
                .isFalse();
        assertThat(sources.app.application().database().googleTokenStore("staff").load()).isPresent();
        assertThat(sources.app.application().database().googleTokenStore("customers").load()).isEmpty();
        assertThat(query(back).get("state")).startsWith("staff.");

        HttpResponse<String> disconnect = sources.send("POST", "/api/google/staff/disconnect");
        assertThat(json(disconnect).get("connected").asBoolean()).isFalse();
        assertThat(sources.app.application().database().googleTokenStore("staff").load()).isEmpty();
        assertThat(json(sources.send("GET", "/api/google/suppliers/status")).get("detail").asText())
                .isEqualTo("There is no Google source named 'suppliers'. The Google sources are: staff, customers.");
    }

    @Test
    void aSourceWhoseAccountIsNotConnectedFailsAloneAndTheOthersSync() throws Exception {
        sources.customersAccount.generatePeople(3);
        sources.connect("customers", sources.customersAccount);

        awaitEnd(started(sources.send("POST", "/api/sync/trigger")));

        JsonNode listed = json(sources.send("GET", "/api/sync/sources")).get("sources");
        assertThat(listed).extracting(s -> s.get("name").asText(), s -> s.get("state").asText())
                .containsExactly(tuple("staff", "error"), tuple("customers", "completed"),
                        tuple("suppliers", "completed"));
        assertThat(listed.get(0).get("error").asText()).doesNotContain("Exception");
    }

    // ------------------------------------------------------------------

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static long started(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("run_id").asLong();
    }

    private void awaitEnd(long runId) throws Exception {
        SyncManager manager = sources.app.application().manager();
        manager.await(runId, Duration.ofSeconds(60));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : List.of(uri.getRawQuery().split("&"))) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
