package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.net.ConnectException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.contactsync.audit.InMemoryConfigEventLog;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncSchedule;
import org.contactsync.sync.SyncScheduler;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScheduleResourceTest {
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().put(TestContacts.people(2));
    private final SyncFixture sync = new SyncFixture(engine);
    private final InMemoryConfigEventLog events = new InMemoryConfigEventLog();
    private SyncScheduler scheduler;
    private ApiHarness api;

    @AfterEach
    void stop() {
        scheduler.close();
        api.close();
    }

    private void start(int pauseAfter) {
        scheduler = new SyncScheduler(sync.manager(), SyncSchedule.every(Duration.ofMillis(50))
                .withInitialDelay(Duration.ZERO)).pauseAfter(pauseAfter).configEvents(ConfigEventRecorder.to(events)).start();
        api = ApiHarness.builder().sync(sync, sync.manager()).component(new ScheduleResource(scheduler)).build();
    }

    private JsonNode schedule() {
        return json(api.admin("api/sync/schedule").get());
    }

    @Test
    void afterKFailuresThePauseAndItsReasonShowAndResumeRunsAScheduledSyncAgain() {
        engine.failNextRuns(3, new ConnectException("Connection refused"));
        start(3);

        await().atMost(Duration.ofSeconds(15)).until(() -> schedule().get("paused").asBoolean());
        JsonNode paused = schedule();
        assertThat(paused.get("automatic").asBoolean()).isTrue();
        assertThat(paused.get("consecutive_failures").asInt()).isEqualTo(3);
        assertThat(paused.get("pause_after").asInt()).isEqualTo(3);
        assertThat(paused.get("next_sync").isNull()).isTrue();
        assertThat(paused.get("pause_reason").asText()).startsWith("Automatic syncs are paused: the last 3 scheduled "
                + "syncs failed");
        assertThat(paused.get("last_failed_run_id").asLong()).isPositive();

        Response resumed = api.admin("api/sync/schedule/resume").post(null);
        assertThat(resumed.getStatus()).isEqualTo(200);
        assertThat(json(resumed).get("message").asText()).isEqualTo("Automatic syncs resumed; a sync starts now.");

        await().atMost(Duration.ofSeconds(15)).until(() -> sync.manager().history(20, 0).items().stream()
                .anyMatch(r -> r.trigger() == SyncTrigger.SCHEDULED && r.status() == RunStatus.COMPLETED));
        JsonNode running = schedule();
        assertThat(running.get("paused").asBoolean()).isFalse();
        assertThat(running.get("pause_reason").isNull()).isTrue();
        // The timeline says the system paused it and the admin resumed it.
        assertThat(events.page(10, 0).items()).extracting(ConfigEvent::actor, ConfigEvent::summary).containsExactly(
                tuple(ApiHarness.ADMIN_USER, "Automatic syncs resumed."),
                tuple(ConfigEvent.ACTOR_SYSTEM, "Automatic syncs paused after 3 failed scheduled syncs in a row."));
    }

    @Test
    void aViewerSeesThePauseButCannotResume() {
        engine.failNextRuns(2, new ConnectException("Connection refused"));
        start(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> schedule().get("paused").asBoolean());

        assertThat(json(api.viewer("api/sync/schedule").get()).get("paused").asBoolean()).isTrue();
        Response r = api.viewer("api/sync/schedule/resume").post(null);

        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).startsWith("You are signed in as a viewer");
        assertThat(schedule().get("paused").asBoolean()).isTrue();
    }

    @Test
    void resumeWhenNotPausedIsAConflictWithASentence() {
        start(5);
        Response r = api.admin("api/sync/schedule/resume").post(null);
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(json(r).get("detail").asText())
                .isEqualTo("Automatic syncs are not paused, so there is nothing to resume.");
    }

    @Test
    void theScheduleIsForTheAdministratorOnly() {
        start(5);
        Response r = api.target("api/sync/schedule").request().get();
        assertThat(r.getStatus()).isEqualTo(401);
        r.close();
    }
}
