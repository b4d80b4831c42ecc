package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.jaxrs.testkit.SseRecorder;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live events over a real HTTP connection (Jetty): the in-memory container cannot stream. */
class SyncEventsTest {
    private static final Map<String, String> ADMIN = Map.of("Authorization",
            BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD));

    private ApiHarness api;
    private ScriptedSyncEngine engine;

    @BeforeEach
    void start() {
        engine = new ScriptedSyncEngine().pageSize(1).put(TestContacts.people(5));
        api = ApiHarness.builder().engine(engine).jetty()
                .settings(s -> s.eventHeartbeat(Duration.ofMillis(300)).eventMinGap(Duration.ofMillis(100)))
                .build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private SseRecorder open() {
        SseRecorder events = SseRecorder.open(api.baseUri().resolve("api/sync/events"), ADMIN);
        assertThat(events.statusCode()).isEqualTo(200);
        return events;
    }

    private long trigger() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        api.baseUri().resolve("api/sync/trigger?force_full=true"))
                .header("Authorization", ADMIN.get("Authorization")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return ApiHarness.json(r.body()).get("run_id").asLong();
    }

    private static List<JsonNode> statuses(SseRecorder events) {
        return events.events("status").stream().map(SseRecorder.Event::json).toList();
    }

    @Test
    void aNewClientGetsTheCurrentStatusAtOnceAsAnEventStream() {
        try (SseRecorder events = open()) {
            assertThat(events.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(events.response().headers().firstValue("X-Accel-Buffering")).contains("no");
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.events("status").isEmpty());
            JsonNode first = events.events("status").get(0).json();
            assertThat(first.get("status").asText()).isEqualTo("idle");
            assertThat(ApiHarness.fieldNames(first)).startsWith("status", "progress", "current_operation", "stats",
                    "started_at", "completed_at", "error");
        }
    }

    @Test
    void aRunIsDeliveredFromStartToFinishFollowedByAFinishedEvent() throws Exception {
        try (SseRecorder events = open()) {
            await().until(() -> !events.events("status").isEmpty());
            ScriptedSyncEngine.Gate gate = engine.blockNextRun(3);
            long runId = trigger();

            gate.awaitReached();
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses(events).stream().anyMatch(s ->
                    s.get("status").asText().equals("running") && s.get("progress").asInt() == 40));
            gate.release();

            await().atMost(Duration.ofSeconds(10)).until(() -> !events.events("finished").isEmpty());
            JsonNode finished = events.events("finished").get(0).json();
            assertThat(finished.get("run_id").asLong()).isEqualTo(runId);
            assertThat(finished.get("status").asText()).isEqualTo("completed");
            assertThat(finished.get("stats").get("added").asInt()).isEqualTo(5);

            List<JsonNode> all = statuses(events);
            JsonNode last = all.get(all.size() - 1);
            assertThat(last.get("status").asText()).isEqualTo("completed");
            assertThat(last.get("progress").asInt()).isEqualTo(100);
            List<String> states = all.stream().map(s -> s.get("status").asText()).distinct().toList();
            assertThat(states).containsExactly("idle", "running", "completed");
            List<Integer> progress = all.stream().filter(s -> s.get("status").asText().equals("running"))
                    .map(s -> s.get("progress").asInt()).toList();
            assertThat(progress).isSorted();
        }
    }

    @Test
    void idleStreamsGetHeartbeatComments() {
        try (SseRecorder events = open()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> events.comments() >= 2);
        }
    }

    @Test
    void eventsAreThrottledToAboutTenASecond() throws Exception {
        engine.put(TestContacts.people(400));
        try (SseRecorder events = open()) {
            await().until(() -> !events.events("status").isEmpty());
            long startNanos = System.nanoTime();
            long runId = trigger();
            await().atMost(Duration.ofSeconds(20)).until(() -> !events.events("finished").isEmpty());
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            int statusEvents = events.events("status").size() - 1;
            // 400 progress reports; at most one event per 100 ms, plus the first and the final one.
            assertThat(statusEvents).isLessThanOrEqualTo((int) (elapsedMs / 100) + 2);
            assertThat(events.events("finished").get(0).json().get("run_id").asLong()).isEqualTo(runId);
            assertThat(statuses(events).get(statuses(events).size() - 1).get("stats").get("added").asInt())
                    .isEqualTo(400);
        }
    }

    @Test
    void aRunOnAnotherNodeSharingTheStoreReachesThisNodesStreams() throws Exception {
        SyncManager otherNode = api.sync().newNode("node-b");
        try (SseRecorder events = open()) {
            await().until(() -> !events.events("status").isEmpty());
            ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
            long runId = ((TriggerResult.Started) otherNode.trigger(SyncType.FULL)).run().id();
            gate.awaitReached();
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses(events).stream().anyMatch(s ->
                    s.get("status").asText().equals("running") && s.get("run_id").asLong() == runId));
            gate.release();
            await().atMost(Duration.ofSeconds(10)).until(() -> !events.events("finished").isEmpty());
            assertThat(events.events("finished").get(0).json().get("run_id").asLong()).isEqualTo(runId);
            assertThat(events.events("finished").get(0).json().get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void aClientThatLeftDoesNotDisturbTheOthers() throws Exception {
        SseRecorder leaving = open();
        try (SseRecorder staying = open()) {
            await().until(() -> !leaving.events("status").isEmpty() && !staying.events("status").isEmpty());
            leaving.close();
            trigger();
            await().atMost(Duration.ofSeconds(10)).until(() -> !staying.events("finished").isEmpty());
        }
    }

    @Test
    void theEventStreamNeedsTheAdmin() {
        try (SseRecorder events = SseRecorder.open(api.baseUri().resolve("api/sync/events"), Map.of())) {
            assertThat(events.statusCode()).isEqualTo(401);
        }
    }

}
