package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.person;

import java.net.ConnectException;
import java.time.Duration;

import org.contactsync.testkit.MutableClock;
import org.contactsync.testkit.RecordingListener;
import org.contactsync.testkit.RecordingListener.Kind;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run's life: idle → running → completed, error, cancelled or interrupted; what status, info and listeners show. */
class SyncManagerLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(2)
            .put(person("Ann Lee", "+1 555 0100"), person("Bob Stone", "+1 555 0101"), person("Cy Young", "+1 555 0102"));
    private SyncFixture sync = new SyncFixture(engine);

    @AfterEach
    void closeAll() {
        sync.close();
    }

    @Test
    void statusIsIdleBeforeTheFirstRun() {
        SyncStatus status = sync.manager().status();

        assertThat(status.state()).isEqualTo(SyncState.IDLE);
        assertThat(status.run()).isNull();
        assertThat(status.percent()).isZero();
        assertThat(status.stats()).isEqualTo(SyncStats.ZERO);
    }

    @Test
    void aRunIsRunningWithProgressThenCompletedWithItsStats() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);

        TriggerResult result = sync.manager().trigger(SyncType.FULL);
        gate.awaitReached();

        assertThat(result).isInstanceOf(TriggerResult.Started.class);
        long id = result.run().id();
        SyncStatus running = sync.manager().status();
        assertThat(running.state()).isEqualTo(SyncState.RUNNING);
        assertThat(running.run().id()).isEqualTo(id);
        assertThat(running.percent()).isEqualTo(50);
        assertThat(running.currentOperation()).isEqualTo("Reading contacts: page 1 of 2");
        assertThat(sync.stateStore().findRun(id)).get().extracting(SyncRun::status).isEqualTo(RunStatus.RUNNING);

        gate.release();
        SyncRun done = sync.manager().await(id, WAIT).orElseThrow();

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.trigger()).isEqualTo(SyncTrigger.MANUAL);
        assertThat(done.stats()).isEqualTo(new SyncStats(3, 0, 0, 0, 0));
        assertThat(done.completedAt()).isNotNull().isAfterOrEqualTo(done.startedAt());
        SyncStatus status = sync.manager().status();
        assertThat(status.state()).isEqualTo(SyncState.COMPLETED);
        assertThat(status.percent()).isEqualTo(100);
        assertThat(status.error()).isNull();
        assertThat(sync.contacts().count()).isEqualTo(3);
    }

    @Test
    void aFailedRunEndsInErrorWithAMessageAPersonCanActOnAndTheTechnicalDetailApart() throws Exception {
        engine.failNextRun(2, new ConnectException("Connection refused"));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(
                "Could not reach the contact source: connection refused. Check the network and run the sync again.");
        assertThat(run.errorDetail()).contains("java.net.ConnectException: Connection refused");
        assertThat(sync.manager().status().state()).isEqualTo(SyncState.ERROR);
        assertThat(sync.manager().status().error()).isEqualTo(run.error());
    }

    @Test
    void aPersonCanCancelARunningSync() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        long id = sync.manager().trigger(SyncType.FULL).run().id();
        gate.awaitReached();

        assertThat(sync.manager().cancel()).get().extracting(SyncRun::id).isEqualTo(id);
        SyncRun run = sync.manager().await(id, WAIT).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error()).startsWith("The sync was cancelled.");
        assertThat(sync.manager().status().state()).isEqualTo(SyncState.CANCELLED);
    }

    @Test
    void cancelOnAnotherNodeReachesTheRunThroughTheStore() throws Exception {
        SyncManager other = sync.newNode("node-b");
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        long id = sync.manager().trigger(SyncType.FULL).run().id();
        gate.awaitReached();

        assertThat(other.cancel()).get().extracting(SyncRun::id).isEqualTo(id);
        SyncRun run = sync.manager().await(id, WAIT).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(other.status().state()).isEqualTo(SyncState.CANCELLED);
    }

    @Test
    void cancelWhenNothingRunsAsksNothing() {
        assertThat(sync.manager().cancel()).isEmpty();
    }

    @Test
    void aRunWhoseLeaseExpiredIsShownInterruptedNeverWritesAgainAndDoesNotBlockANewRun() throws Exception {
        sync.close();
        MutableClock clock = MutableClock.startingNow();
        sync = new SyncFixture(engine, clock);
        // Node A's heartbeat never comes during the test: as if its process hung or died.
        SyncManager nodeA = sync.newNode("node-a-hung", b -> b.lease(Duration.ofMinutes(1))
                .heartbeatInterval(Duration.ofSeconds(59)));
        SyncManager nodeB = sync.newNode("node-b");
        RecordingListener heardOnA = new RecordingListener();
        nodeA.addListener(heardOnA);
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(ScriptedSyncEngine.AFTER_LAST_PAGE);
        long hung = nodeA.trigger(SyncType.FULL).run().id();
        gate.awaitReached();

        clock.advance(Duration.ofMinutes(2));

        SyncStatus seenByB = nodeB.status();
        assertThat(seenByB.state()).isEqualTo(SyncState.INTERRUPTED);
        assertThat(seenByB.error()).contains("stopped unexpectedly");
        engine.remove(person("Cy Young").sourceId());
        SyncRun fresh = SyncFixture.runToEnd(nodeB, SyncType.FULL);
        assertThat(fresh.status()).isEqualTo(RunStatus.COMPLETED);

        // Node A wakes up with its stale read (which still has Cy Young): it must not write it back.
        gate.release();
        await().atMost(WAIT).until(() -> !heardOnA.finished().isEmpty());

        assertThat(heardOnA.finished().get(0).status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(sync.stateStore().findRun(hung)).get().extracting(SyncRun::status).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(sync.contacts().findBySourceId(person("Cy Young").sourceId())).isEmpty();
        assertThat(sync.contacts().count()).isEqualTo(2);
        assertThat(nodeA.status().state()).isEqualTo(SyncState.COMPLETED); // the newest run is B's
    }

    @Test
    void listenersHearStartedThenProgressThenFinished() throws Exception {
        RecordingListener listener = new RecordingListener();
        sync.manager().addListener(listener);

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(listener.kinds()).first().isEqualTo(Kind.STARTED);
        assertThat(listener.kinds()).last().isEqualTo(Kind.FINISHED);
        assertThat(listener.of(Kind.PROGRESS)).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(r -> assertThat(r.id()).isEqualTo(run.id()));
        assertThat(listener.of(Kind.PROGRESS)).extracting(SyncRun::percent).contains(50, 100);
        assertThat(listener.finished()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(r.stats().added()).isEqualTo(3);
        });
    }

    @Test
    void aListenerThatThrowsDoesNotDisturbTheRun() throws Exception {
        sync.manager().addListener(new ProgressListener() {
            @Override
            public void progress(SyncRun run) {
                throw new IllegalStateException("listener bug");
            }
        });

        assertThat(sync.runToEnd(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void afterARestartStatusAndHistoryShowTheLastStoredRun() throws Exception {
        SyncRun run = sync.runToEnd(SyncType.FULL);
        sync.manager().close();

        SyncManager restarted = sync.newNode("node-a-restarted");

        assertThat(restarted.status().state()).isEqualTo(SyncState.COMPLETED);
        assertThat(restarted.status().run().id()).isEqualTo(run.id());
        assertThat(restarted.status().stats()).isEqualTo(run.stats());
        assertThat(restarted.history(10, 0).total()).isEqualTo(1);
        assertThat(restarted.run(run.id())).contains(run);
    }

    @Test
    void infoShowsTheContactCountTheLastSyncAndWhetherSyncIsAutomatic() throws Exception {
        SyncInfo before = sync.manager().info();
        assertThat(before.totalContacts()).isZero();
        assertThat(before.lastSync()).isNull();
        assertThat(before.automatic()).isFalse();
        assertThat(before.interval()).isNull();

        SyncRun run = sync.runToEnd(SyncType.FULL);
        sync.manager().updateSchedule(new ScheduleStatus(Duration.ofMinutes(30), run.completedAt().plusSeconds(1800)));

        SyncInfo after = sync.manager().info();
        assertThat(after.totalContacts()).isEqualTo(3);
        assertThat(after.lastSync()).isEqualTo(run.completedAt());
        assertThat(after.automatic()).isTrue();
        assertThat(after.interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(after.nextSync()).isEqualTo(run.completedAt().plusSeconds(1800));
    }

    @Test
    void lastSyncIsTheLastCompletedRunNotALaterFailure() throws Exception {
        SyncRun ok = sync.runToEnd(SyncType.FULL);
        engine.failNextRun(1, new ConnectException("Connection refused"));
        sync.runToEnd(SyncType.FULL);

        assertThat(sync.manager().info().lastSync()).isEqualTo(ok.completedAt());
    }

    @Test
    void closingStopsAnActiveRunAndRecordsWhy() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(2);
        long id = sync.manager().trigger(SyncType.FULL).run().id();
        gate.awaitReached();

        sync.manager().close();

        SyncRun run = sync.stateStore().findRun(id).orElseThrow();
        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(run.error()).contains("server shut down");
        assertThatThrownBy(() -> sync.manager().trigger(SyncType.FULL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shut down");
    }
}
