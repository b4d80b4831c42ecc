package org.contactsync.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.contactsync.health.SyncFreshness;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.MutableClock;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook alerts against a real HTTP receiver on 127.0.0.1: failure, staleness, recovery, retries, no blocking. */
class SyncAlertsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SECRET = "password=hunter2";

    private final MutableClock clock = MutableClock.startingNow();
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().put(TestContacts.people(3));
    private SyncFixture sync;
    private WebhookReceiver receiver;
    private SyncAlerts alerts;

    @BeforeEach
    void start() throws Exception {
        sync = new SyncFixture(engine, clock);
        receiver = new WebhookReceiver();
        SyncFreshness freshness = new SyncFreshness(sync.stateStore(), Duration.ofMinutes(45));
        AlertDispatcher dispatcher = new AlertDispatcher(new WebhookAlertSender(receiver.url()),
                List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200)));
        // Checks only when the test asks, so the test decides when time has passed.
        alerts = SyncAlerts.start(sync.manager(), dispatcher, freshness, Duration.ofDays(1));
    }

    @AfterEach
    void stop() {
        alerts.close();
        receiver.close();
        sync.close();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }

    @Test
    void aFailedRunSendsItsMessageCountsAndASlackTextButNoTechnicalDetail() throws Exception {
        engine.failNextRun(2, new IllegalStateException("jdbc:postgresql://db.internal/contacts " + SECRET));
        SyncRun run = sync.runToEnd(SyncType.FULL);
        assertThat(run.status()).isEqualTo(RunStatus.ERROR);

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        var body = json(receiver.received().get(0));
        assertThat(body.get("event").asText()).isEqualTo("run_failed");
        assertThat(body.get("run_id").asLong()).isEqualTo(run.id());
        assertThat(body.get("outcome").asText()).isEqualTo("error");
        assertThat(body.get("message").asText()).isEqualTo(run.error());
        assertThat(body.get("text").asText()).isEqualTo("ContactSync: sync run " + run.id() + " (full, manual) "
                + "failed: " + run.error());
        assertThat(body.at("/counts/added").asInt()).isEqualTo(run.stats().added());
        assertThat(body.get("node").asText()).isEqualTo(sync.manager().nodeId());
        assertThat(receiver.received().get(0)).doesNotContain(SECRET, "db.internal", "jdbc:");
        assertThat(run.errorDetail()).as("the detail had it").contains(SECRET);
        assertThat(receiver.contentTypes().get(0)).startsWith("application/json");
    }

    @Test
    void aCompletedRunAfterAFailureSendsARecoveryAndACompletedRunAloneSendsNothing() throws Exception {
        sync.runToEnd(SyncType.FULL);
        engine.failNextRuns(1, new IllegalStateException("down"));
        sync.runToEnd(SyncType.FULL);
        SyncRun good = sync.runToEnd(SyncType.FULL);

        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        var recovered = json(receiver.received().get(1));
        assertThat(json(receiver.received().get(0)).get("event").asText()).isEqualTo("run_failed");
        assertThat(recovered.get("event").asText()).isEqualTo("recovered");
        assertThat(recovered.get("run_id").asLong()).isEqualTo(good.id());
        assertThat(recovered.get("outcome").asText()).isEqualTo("completed");
        assertThat(recovered.get("text").asText()).startsWith("ContactSync: syncing works again: run " + good.id());
        assertThat(recovered.get("message").isNull()).isTrue();
    }

    @Test
    void syncingThatBecomesStaleAlertsOnceAndTheNextSuccessRecovers() throws Exception {
        sync.runToEnd(SyncType.FULL);
        alerts.checkStale();
        clock.advance(Duration.ofMinutes(46));
        alerts.checkStale();
        alerts.checkStale();

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        var stale = json(receiver.received().get(0));
        assertThat(stale.get("event").asText()).isEqualTo("sync_stale");
        assertThat(stale.get("run_id").isNull()).isTrue();
        assertThat(stale.get("message").asText()).startsWith("No sync has succeeded for 46m (more than the 45m allowed)");
        assertThat(stale.get("text").asText()).startsWith("ContactSync: the contacts are stale. No sync has succeeded");

        sync.runToEnd(SyncType.FULL);
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
        assertThat(json(receiver.received().get(1)).get("event").asText()).isEqualTo("recovered");
        alerts.checkStale();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> receiver.received().size() == 2);
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackoffUntilItAccepts() throws Exception {
        receiver.answer(500, 503);
        engine.failNextRuns(1, new IllegalStateException("down"));
        sync.runToEnd(SyncType.FULL);

        await().atMost(WAIT).until(() -> receiver.received().size() == 1);
        assertThat(receiver.attempts()).isEqualTo(3);
        assertThat(json(receiver.received().get(0)).get("event").asText()).isEqualTo("run_failed");
    }

    @Test
    void aStalledReceiverNeverHoldsUpARun() throws Exception {
        CountDownLatch release = receiver.hold();
        engine.failNextRuns(1, new IllegalStateException("down"));
        sync.runToEnd(SyncType.FULL);
        await().atMost(WAIT).until(() -> receiver.attempts() == 1);

        // The receiver still holds the first alert; the next runs start and end regardless.
        SyncRun next = sync.runToEnd(SyncType.FULL);
        assertThat(next.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(receiver.received()).isEmpty();

        release.countDown();
        await().atMost(WAIT).until(() -> receiver.received().size() == 2);
    }

    @Test
    void theWebhookUrlIsNeverShown() {
        assertThat(new WebhookAlertSender(receiver.url()).toString()).doesNotContain("SECRET-TOKEN");
    }
}
