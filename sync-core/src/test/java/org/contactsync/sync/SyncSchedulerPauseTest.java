package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.net.ConnectException;
import java.time.Duration;

import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.contactsync.audit.InMemoryConfigEventLog;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Automatic syncs pause after K failed scheduled runs in a row; resume by hand or by any successful sync. */
class SyncSchedulerPauseTest {
    private static final Duration INTERVAL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(5).put(people(4));
    private final SyncFixture sync = new SyncFixture(engine);
    private SyncScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        sync.close();
    }

    private SyncScheduler startPausingAfter(int failures) {
        scheduler = new SyncScheduler(sync.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO))
                .pauseAfter(failures).start();
        return scheduler;
    }

    private long runs() {
        return sync.manager().history(1, 0).total();
    }

    @Test
    void threeFailedScheduledRunsInARowPauseAutomaticSyncsWithAReasonForThePage() {
        engine.failNextRuns(100, new ConnectException("Connection refused"));
        startPausingAfter(3);

        await().atMost(WAIT).until(() -> scheduler.pause().isPresent());
        SyncScheduler.Pause pause = scheduler.pause().orElseThrow();
        assertThat(pause.failures()).isEqualTo(3);
        SyncRun last = sync.manager().run(pause.lastRunId()).orElseThrow();
        assertThat(last.status()).isEqualTo(RunStatus.ERROR);
        assertThat(pause.reason()).startsWith("Automatic syncs are paused: the last 3 scheduled syncs failed (last "
                + "error: " + last.error() + ")").contains("click Resume");
        // No scheduled run while paused, and the page shows no next sync.
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> runs() == 3);
        assertThat(sync.manager().info().nextSync()).isNull();
        assertThat(scheduler.status().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void aManualSyncStillWorksWhilePausedAndItsSuccessResumesAutomaticSyncs() throws Exception {
        engine.failNextRuns(2, new ConnectException("Connection refused"));
        startPausingAfter(2);
        await().atMost(WAIT).until(() -> scheduler.pause().isPresent());

        SyncRun manual = sync.runToEnd(SyncType.FULL);

        assertThat(manual.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(manual.trigger()).isEqualTo(SyncTrigger.MANUAL);
        await().atMost(WAIT).until(() -> scheduler.pause().isEmpty());
        await().atMost(WAIT).until(() -> sync.manager().history(1, 0).items().get(0).trigger()
                == SyncTrigger.SCHEDULED && runs() > 3);
    }

    @Test
    void resumeStartsAScheduledSyncAtOnceAndCountsFailuresAfresh() {
        engine.failNextRuns(2, new ConnectException("Connection refused"));
        startPausingAfter(2);
        await().atMost(WAIT).until(() -> scheduler.pause().isPresent());

        assertThat(scheduler.resume()).isTrue();

        await().atMost(WAIT).until(() -> sync.manager().history(10, 0).items().stream()
                .anyMatch(r -> r.status() == RunStatus.COMPLETED && r.trigger() == SyncTrigger.SCHEDULED));
        assertThat(scheduler.pause()).isEmpty();
        assertThat(scheduler.consecutiveFailures()).isZero();
        assertThat(scheduler.resume()).as("nothing to resume").isFalse();
    }

    @Test
    void withoutPauseAfterFailuresOnlyBackOff() {
        engine.failNextRuns(4, new ConnectException("Connection refused"));
        startPausingAfter(0);
        await().atMost(WAIT).until(() -> sync.manager().history(10, 0).items().stream()
                .anyMatch(r -> r.status() == RunStatus.COMPLETED));
        assertThat(scheduler.pause()).isEmpty();
    }

    @Test
    void theTimelineShowsTheAutomaticPauseAndTheResumeWithWhoDidIt() {
        InMemoryConfigEventLog events = new InMemoryConfigEventLog();
        engine.failNextRuns(2, new ConnectException("Connection refused"));
        scheduler = new SyncScheduler(sync.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO))
                .pauseAfter(2).configEvents(ConfigEventRecorder.to(events)).start();
        await().atMost(WAIT).until(() -> scheduler.pause().isPresent());

        assertThat(scheduler.resume("alice")).isTrue();

        await().atMost(WAIT).until(() -> events.page(10, 0).total() == 2);
        assertThat(events.page(10, 0).items()).extracting(ConfigEvent::kind, ConfigEvent::actor, ConfigEvent::summary)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("schedule", "alice", "Automatic syncs resumed."),
                        org.assertj.core.groups.Tuple.tuple("schedule", "system",
                                "Automatic syncs paused after 2 failed scheduled syncs in a row."));
    }

    @Test
    void aSourceThatKeepsFailingNeitherPausesNorSlowsDownTheOtherSources() {
        ScriptedSyncEngine failing = new ScriptedSyncEngine().put(people(2));
        failing.failNextRuns(100, new ConnectException("Connection refused"));
        java.util.Map<String, SyncEngine> sources = new java.util.LinkedHashMap<>();
        sources.put("staff", new ScriptedSyncEngine().put(people(3)));
        sources.put("suppliers", failing);
        try (SyncFixture both = SyncFixture.ofSources(sources)) {
            scheduler = new SyncScheduler(both.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO))
                    .pauseAfter(2).start();

            await().atMost(WAIT).until(() -> both.manager().history(1, 0).total() >= 5);

            assertThat(scheduler.pause()).as("one failing source of two pauses nothing").isEmpty();
            assertThat(scheduler.consecutiveFailures()).isZero();
            SyncRun last = both.manager().history(1, 1).items().get(0);
            assertThat(last.status()).isEqualTo(RunStatus.ERROR);
            assertThat(both.manager().sourceOutcomes(last.id())).extracting(SourceOutcome::source, SourceOutcome::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("staff", RunStatus.COMPLETED),
                            org.assertj.core.groups.Tuple.tuple("suppliers", RunStatus.ERROR));
            scheduler.close();
            scheduler = null;
        }
    }
}
