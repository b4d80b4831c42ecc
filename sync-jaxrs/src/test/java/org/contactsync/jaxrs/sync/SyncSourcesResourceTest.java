package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/sync} with several named sources: the sources list, syncing one, history and runs per source. */
class SyncSourcesResourceTest {
    private final ScriptedSyncEngine staff = new ScriptedSyncEngine("google-directory").withCursor()
            .put(TestContacts.people(3));
    private final ScriptedSyncEngine suppliers = new ScriptedSyncEngine("vcard").put(TestContacts.people(2));
    private ApiHarness api;

    @BeforeEach
    void start() {
        Map<String, SyncEngine> sources = new LinkedHashMap<>();
        sources.put("staff", staff);
        sources.put("suppliers", suppliers);
        SyncFixture sync = SyncFixture.ofSources(sources);
        api = ApiHarness.builder().sync(sync, sync.manager()).build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private long runToEnd(String query) throws Exception {
        Response r = api.admin("api/sync/trigger" + query).post(null);
        assertThat(r.getStatus()).isEqualTo(200);
        long runId = json(r).get("run_id").asLong();
        api.manager().await(runId, Duration.ofSeconds(10));
        await().until(() -> !json(api.admin("api/sync/status").get()).get("status").asText().equals("running"));
        return runId;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    @Test
    void theSourcesAreListedInOrderIdleUntilARunIncludesThem() {
        JsonNode sources = json(api.admin("api/sync/sources").get()).get("sources");

        assertThat(texts(sources, "name")).containsExactly("staff", "suppliers");
        assertThat(texts(sources, "type")).containsExactly("google-directory", "vcard");
        assertThat(texts(sources, "order")).containsExactly("0", "1");
        assertThat(texts(sources, "state")).containsExactly("idle", "idle");
        assertThat(sources.get(0).get("has_cursor").asBoolean()).isFalse();
        assertThat(sources.get(0).get("last_run_id").isNull()).isTrue();
        assertThat(sources.get(0).get("stats").get("added").asInt()).isZero();
    }

    @Test
    void afterARunEachSourceShowsItsOutcomeCountsAndCursor() throws Exception {
        suppliers.failNextRun(1, new ConnectException("Connection refused"));
        long runId = runToEnd("?force_full=true");

        JsonNode sources = json(api.admin("api/sync/sources").get()).get("sources");

        assertThat(texts(sources, "state")).containsExactly("completed", "error");
        assertThat(sources.get(0).get("has_cursor").asBoolean()).isTrue();
        JsonNode staffRow = sources.get(0);
        assertThat(staffRow.get("last_run_id").asLong()).isEqualTo(runId);
        assertThat(staffRow.get("stats").get("added").asInt()).isEqualTo(3);
        assertThat(staffRow.get("last_run_type").asText()).isEqualTo("full");
        assertThat(sources.get(1).get("error").asText())
                .isEqualTo("Could not reach the contact source: connection refused. Check the network and run the "
                        + "sync again.");
        JsonNode run = json(api.admin("api/sync/runs/" + runId).get());
        assertThat(run.get("status").asText()).isEqualTo("error");
        assertThat(run.get("error").asText()).startsWith("Could not sync the source suppliers; the other sources "
                + "were synced.");
        assertThat(texts(run.get("sources"), "source")).containsExactly("staff", "suppliers");
        assertThat(texts(run.get("sources"), "status")).containsExactly("completed", "error");
        assertThat(json(api.admin("api/sync/status").get()).get("sources").isNull())
                .as("the status stays light; per-source outcomes are in the run").isTrue();
    }

    @Test
    void triggerWithASourceSyncsOnlyThatSourceAndTheHistoryFiltersByIt() throws Exception {
        long all = runToEnd("");
        Response started = api.admin("api/sync/trigger?source=suppliers&force_full=true").post(null);
        JsonNode body = json(started);
        assertThat(body.get("source").asText()).isEqualTo("suppliers");
        assertThat(body.get("message").asText()).isEqualTo("Sync of source suppliers started");
        long one = body.get("run_id").asLong();
        api.manager().await(one, Duration.ofSeconds(10));

        assertThat(texts(json(api.admin("api/sync/runs/" + one).get()).get("sources"), "source"))
                .containsExactly("suppliers");
        JsonNode staffHistory = json(api.admin("api/sync/history?source=staff").get());
        assertThat(texts(staffHistory.get("history"), "id")).containsExactly(String.valueOf(all));
        assertThat(staffHistory.get("total").asLong()).isEqualTo(1);
        assertThat(texts(json(api.admin("api/sync/history?source=suppliers").get()).get("history"), "id"))
                .containsExactly(String.valueOf(one), String.valueOf(all));
        assertThat(json(api.admin("api/sync/history").get()).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownSourceIsA400SentenceNamingTheConfiguredOnes() {
        for (Response r : List.of(api.admin("api/sync/trigger?source=vendors").post(null),
                api.admin("api/sync/history?source=vendors").get(),
                api.admin("api/sync/preview?source=vendors").post(null))) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(json(r).get("detail").asText()).isEqualTo("There is no source named 'vendors'. The configured "
                    + "sources are: staff, suppliers.");
        }
        assertThat(api.manager().history(10, 0).total()).as("no run was opened").isZero();
    }

    @Test
    void aPreviewOfOneSourceListsOnlyItsChanges() {
        JsonNode preview = json(api.admin("api/sync/preview?source=suppliers&force_full=true").post(null));

        assertThat(preview.get("stats").get("added").asInt()).isEqualTo(2);
        assertThat(texts(preview.get("changes"), "source")).containsExactly("suppliers", "suppliers");
    }
}
