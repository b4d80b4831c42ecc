package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;

import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.ScheduleStatus;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.contactsync.jaxrs.testkit.ApiHarness.fieldNames;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

class SyncResourceTest {
    private static final List<String> SEED_STATUS_FIELDS = List.of("status", "progress", "current_operation", "stats",
            "started_at", "completed_at", "error");
    private static final List<String> SEED_HISTORY_FIELDS = List.of("id", "started_at", "completed_at", "status",
            "contacts_added", "contacts_updated", "contacts_deleted", "error");

    private ApiHarness api;
    private ScriptedSyncEngine engine;

    @BeforeEach
    void start() {
        api = ApiHarness.builder().build();
        engine = api.engine();
        engine.put(TestContacts.people(3));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Response post(String path) {
        return api.admin(path).post(Entity.json(""));
    }

    private Response postNoBody(String path) {
        return api.admin(path).post(null);
    }

    private JsonNode status() {
        return json(api.admin("api/sync/status").get());
    }

    private long runToEnd(String query) throws Exception {
        JsonNode started = json(postNoBody("api/sync/trigger" + query));
        long runId = started.get("run_id").asLong();
        api.manager().await(runId, Duration.ofSeconds(10));
        await().until(() -> !status().get("status").asText().equals("running"));
        return runId;
    }

    @Test
    void statusBeforeAnyRunIsIdleWithTheSeedsFieldsInOrder() {
        Response r = api.admin("api/sync/status").get();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMediaType().toString()).startsWith("application/json");
        JsonNode s = json(r);
        assertThat(fieldNames(s)).startsWith(SEED_STATUS_FIELDS.toArray(String[]::new));
        assertThat(fieldNames(s)).contains("run_id", "state", "type", "trigger", "duration_ms", "error_detail");
        assertThat(s.get("status").asText()).isEqualTo("idle");
        assertThat(s.get("progress").asInt()).isZero();
        assertThat(fieldNames(s.get("stats"))).startsWith("added", "updated", "deleted");
        assertThat(s.get("started_at").isNull()).isTrue();
        assertThat(s.get("completed_at").isNull()).isTrue();
        assertThat(s.get("error").isNull()).isTrue();
    }

    @Test
    void triggerStartsARunAndAnswersTheSeedsMessageTypeAndRunId() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        Response r = postNoBody("api/sync/trigger?force_full=true");
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(fieldNames(body)).startsWith("message", "type");
        assertThat(body.get("message").asText()).isEqualTo("Sync started");
        assertThat(body.get("type").asText()).isEqualTo("full");
        long runId = body.get("run_id").asLong();
        assertThat(runId).isPositive();

        gate.awaitReached();
        await().untilAsserted(() -> {
            JsonNode s = status();
            assertThat(s.get("status").asText()).isEqualTo("running");
            assertThat(s.get("run_id").asLong()).isEqualTo(runId);
            assertThat(s.get("progress").asInt()).isEqualTo(33);
            assertThat(s.get("current_operation").asText()).isEqualTo("Reading contacts: page 1 of 3");
            assertThat(Instant.parse(s.get("started_at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(s.get("completed_at").isNull()).isTrue();
        });
        gate.release();
        api.manager().await(runId, Duration.ofSeconds(10));

        JsonNode done = status();
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("state").asText()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("stats").get("added").asInt()).isEqualTo(3);
        assertThat(done.get("trigger").asText()).isEqualTo("manual");
        assertThat(Instant.parse(done.get("completed_at").asText())).isAfterOrEqualTo(
                Instant.parse(done.get("started_at").asText()));
        assertThat(done.get("error").isNull()).isTrue();
    }

    @Test
    void triggerWithoutForceFullRequestsAnIncrementalSync() throws Exception {
        JsonNode body = json(postNoBody("api/sync/trigger?force_full=false"));
        assertThat(body.get("type").asText()).isEqualTo("incremental");
        api.manager().await(body.get("run_id").asLong(), Duration.ofSeconds(10));
        assertThat(json(api.admin("api/sync/history").get()).get("history").get(0).get("type").asText())
                .isEqualTo("incremental");
    }

    @Test
    void anIncrementalRequestWithoutAStoredCursorIsReportedAsTheFullSyncItBecomes() {
        try (ApiHarness cursorApi = ApiHarness.builder().engine(new ScriptedSyncEngine().withCursor()).build()) {
            JsonNode body = json(cursorApi.admin("api/sync/trigger").post(null));
            assertThat(body.get("type").asText()).isEqualTo("full");
            assertThat(body.get("requested_type").asText()).isEqualTo("incremental");
        }
    }

    @Test
    void triggerWhileARunIsActiveAnswers409WithTheActiveRunsId() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
        long runId = json(postNoBody("api/sync/trigger")).get("run_id").asLong();
        gate.awaitReached();

        Response again = postNoBody("api/sync/trigger?force_full=true");
        assertThat(again.getStatus()).isEqualTo(409);
        JsonNode body = json(again);
        assertThat(body.get("detail").asText()).isEqualTo("Sync already running");
        assertThat(body.get("run_id").asLong()).isEqualTo(runId);
        gate.release();
    }

    @Test
    void historyListsRunsNewestFirstWithTheSeedsFieldsAndTotal() throws Exception {
        long first = runToEnd("?force_full=true");
        engine.failNextRun(1, new SyncSourceException("Could not reach the contact source: connection refused."));
        long second = runToEnd("");

        Response r = api.admin("api/sync/history?limit=10&offset=0").get();
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(fieldNames(body)).startsWith("history", "total");
        assertThat(body.get("total").asLong()).isEqualTo(2);
        JsonNode newest = body.get("history").get(0);
        assertThat(fieldNames(newest)).startsWith(SEED_HISTORY_FIELDS.toArray(String[]::new));
        assertThat(fieldNames(newest)).contains("duration_ms", "errors", "type", "trigger");
        assertThat(newest.get("id").asLong()).isEqualTo(second);
        assertThat(newest.get("status").asText()).isEqualTo("error");
        assertThat(newest.get("error").asText()).isEqualTo("Could not reach the contact source: connection refused.");
        JsonNode oldest = body.get("history").get(1);
        assertThat(oldest.get("id").asLong()).isEqualTo(first);
        assertThat(oldest.get("status").asText()).isEqualTo("completed");
        assertThat(oldest.get("contacts_added").asInt()).isEqualTo(3);
        assertThat(oldest.get("type").asText()).isEqualTo("full");
        assertThat(oldest.get("trigger").asText()).isEqualTo("manual");
        assertThat(oldest.get("duration_ms").asLong()).isNotNegative();

        JsonNode page2 = json(api.admin("api/sync/history?limit=1&offset=1").get());
        assertThat(page2.get("history")).hasSize(1);
        assertThat(page2.get("history").get(0).get("id").asLong()).isEqualTo(first);
        assertThat(page2.get("total").asLong()).isEqualTo(2);
    }

    @Test
    void infoReportsContactsLastSyncAndAManualScheduleByDefault() throws Exception {
        JsonNode before = json(api.admin("api/sync/info").get());
        assertThat(fieldNames(before)).startsWith("total_contacts", "last_sync", "sync_type", "sync_interval");
        assertThat(before.get("total_contacts").asLong()).isZero();
        assertThat(before.get("last_sync").isNull()).isTrue();
        assertThat(before.get("sync_type").asText()).isEqualTo("manual");
        assertThat(before.get("sync_interval").isNull()).isTrue();
        assertThat(before.get("next_sync").isNull()).isTrue();

        runToEnd("?force_full=true");
        JsonNode after = json(api.admin("api/sync/info").get());
        assertThat(after.get("total_contacts").asLong()).isEqualTo(3);
        assertThat(Instant.parse(after.get("last_sync").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void infoReportsAnAutomaticScheduleWithAHumanIntervalAndTheNextSync() {
        Instant next = Instant.parse("2030-01-01T10:30:00Z");
        api.manager().updateSchedule(new ScheduleStatus(Duration.ofMinutes(90), next));
        JsonNode info = json(api.admin("api/sync/info").get());
        assertThat(info.get("sync_type").asText()).isEqualTo("automatic");
        assertThat(info.get("sync_interval").asText()).isEqualTo("1h30m");
        assertThat(info.get("sync_interval_seconds").asLong()).isEqualTo(5400);
        assertThat(info.get("next_sync").asText()).isEqualTo("2030-01-01T10:30:00Z");
    }

    @Test
    void aRunCanBeReadByIdAndUnknownIdsAnswer404Json() throws Exception {
        long id = runToEnd("?force_full=true");
        JsonNode run = json(api.admin("api/sync/runs/" + id).get());
        assertThat(run.get("run_id").asLong()).isEqualTo(id);
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("stats").get("added").asInt()).isEqualTo(3);

        for (String unknown : List.of("999", "abc", "0", "-1")) {
            Response r = api.admin("api/sync/runs/" + unknown).get();
            assertThat(r.getStatus()).as(unknown).isEqualTo(404);
            assertThat(json(r).get("detail").asText()).startsWith("No sync run with id");
        }
    }

    @Test
    void cancelStopsTheActiveRunWhichThenShowsAsErrorWithStateCancelled() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        long runId = json(postNoBody("api/sync/trigger")).get("run_id").asLong();
        gate.awaitReached();

        Response r = postNoBody("api/sync/cancel");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(json(r).get("run_id").asLong()).isEqualTo(runId);
        api.manager().await(runId, Duration.ofSeconds(10));

        JsonNode s = status();
        assertThat(s.get("status").asText()).isEqualTo("error");
        assertThat(s.get("state").asText()).isEqualTo("cancelled");
        assertThat(s.get("error").asText()).contains("cancelled");
        JsonNode h = json(api.admin("api/sync/history").get()).get("history").get(0);
        assertThat(h.get("status").asText()).isEqualTo("error");
        assertThat(h.get("state").asText()).isEqualTo("cancelled");
    }

    @Test
    void cancelWhenNothingRunsAnswers409() {
        Response r = postNoBody("api/sync/cancel");
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(json(r).get("detail").asText()).startsWith("No sync is running");
    }

    @Test
    void previewListsTheChangesASyncWouldMakeWithoutMakingThem() throws Exception {
        Response r = postNoBody("api/sync/preview?force_full=true");
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode p = json(r);
        assertThat(fieldNames(p)).containsExactly("type", "stats", "changes", "truncated", "beyond_cap");
        assertThat(p.get("type").asText()).isEqualTo("full");
        assertThat(p.get("stats").get("added").asInt()).isEqualTo(3);
        assertThat(p.get("changes")).hasSize(3);
        assertThat(fieldNames(p.get("changes").get(0))).containsExactly("kind", "source_id", "display_name",
                "source");
        assertThat(p.get("changes").get(0).get("kind").asText()).isEqualTo("add");
        assertThat(p.get("changes").get(0).get("display_name").asText()).isEqualTo("Person 001");
        assertThat(p.get("truncated").asBoolean()).isFalse();

        assertThat(api.manager().contactStore().count()).isZero();
        assertThat(json(api.admin("api/sync/history").get()).get("total").asLong()).isZero();
    }

    @Test
    void aPreviewTheSourceCannotAnswerIs502WithTheSourcesMessage() {
        engine.failNextRun(1, new SyncSourceException("Google refused the sign-in: reconnect the account.",
                "invalid_grant token=secret-token-value", null));
        Response r = postNoBody("api/sync/preview");
        assertThat(r.getStatus()).isEqualTo(502);
        String body = r.readEntity(String.class);
        assertThat(json(body).get("detail").asText()).isEqualTo("Google refused the sign-in: reconnect the account.");
        assertThat(body).doesNotContain("secret-token-value");
    }

    @Test
    void historyDownloadsAsCsvWithQuotedFormulaSafeCells() throws Exception {
        runToEnd("?force_full=true");
        engine.failNextRun(1, new SyncSourceException("=HYPERLINK(\"http://evil.example\",\"click\"), then \"quote\""));
        runToEnd("");

        Response r = api.target("api/sync/history.csv").request()
                .header("Authorization", org.contactsync.jaxrs.testkit.BasicAuth.header(ApiHarness.ADMIN_USER,
                        ApiHarness.ADMIN_PASSWORD)).get();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMediaType().toString()).startsWith("text/csv");
        assertThat(r.getHeaderString("Content-Disposition"))
                .isEqualTo("attachment; filename=\"contactsync-history.csv\"");
        String[] lines = r.readEntity(String.class).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo(HistoryCsv.HEADER);
        assertThat(lines[1]).startsWith("2,").endsWith(
                ",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\"), then \"\"quote\"\"\"");
        assertThat(lines[2]).startsWith("1,").contains("\"completed\"").endsWith(",");
    }

    @Test
    void historyDownloadsAsJsonAttachment() throws Exception {
        runToEnd("?force_full=true");
        Response r = api.admin("api/sync/history.json").get();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getHeaderString("Content-Disposition"))
                .isEqualTo("attachment; filename=\"contactsync-history.json\"");
        JsonNode body = json(r);
        assertThat(body.get("total").asLong()).isEqualTo(1);
        assertThat(body.get("history").get(0).get("contacts_added").asInt()).isEqualTo(3);
    }

    @Test
    void afterARestartStatusShowsTheLastStoredRunNotIdle() throws Exception {
        InMemorySyncStateStore states = new InMemorySyncStateStore();
        InMemoryContactStore contacts = new InMemoryContactStore();
        ScriptedSyncEngine source = new ScriptedSyncEngine().put(TestContacts.people(2));
        SyncFixture before = new SyncFixture(source, states, contacts);
        try (ApiHarness first = ApiHarness.builder().engine(source).sync(before, before.manager()).build()) {
            long id = json(first.admin("api/sync/trigger?force_full=true").post(null)).get("run_id").asLong();
            first.manager().await(id, Duration.ofSeconds(10));
        }

        SyncFixture after = new SyncFixture(source, states, contacts);
        try (ApiHarness restarted = ApiHarness.builder().engine(source).sync(after, after.manager()).build()) {
            JsonNode s = json(restarted.admin("api/sync/status").get());
            assertThat(s.get("status").asText()).isEqualTo("completed");
            assertThat(s.get("stats").get("added").asInt()).isEqualTo(2);
            assertThat(s.get("completed_at").isNull()).isFalse();
            assertThat(json(restarted.admin("api/sync/info").get()).get("total_contacts").asLong()).isEqualTo(2);
        }
    }

    @Test
    void statusOfARunFromAnotherNodeSharingTheStoreIsShown() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        var other = api.sync().newNode("node-b");
        long id = ((org.contactsync.sync.TriggerResult.Started) other.trigger(SyncType.FULL)).run().id();
        gate.awaitReached();
        await().untilAsserted(() -> {
            JsonNode s = status();
            assertThat(s.get("status").asText()).isEqualTo("running");
            assertThat(s.get("run_id").asLong()).isEqualTo(id);
        });
        assertThat(postNoBody("api/sync/trigger").getStatus()).isEqualTo(409);
        gate.release();
        other.await(id, Duration.ofSeconds(10));
        await().until(() -> status().get("status").asText().equals("completed"));
    }
}
