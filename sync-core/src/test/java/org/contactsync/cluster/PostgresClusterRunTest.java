package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.Optional;

import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncState;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncStatus;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run on node A, watched and cancelled from node B, which shares only the PostgreSQL database with A. */
class PostgresClusterRunTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private PostgresCluster cluster;
    private SteppedSyncEngine engineA;
    private ClusterNode a;
    private ClusterNode b;

    @BeforeEach
    void startTwoNodes() {
        cluster = PostgresCluster.create("run");
        engineA = new SteppedSyncEngine(people(50), 10);
        a = cluster.node("a", engineA);
        b = cluster.node("b", new ScriptedSyncEngine().put(people(5)));
    }

    @AfterEach
    void stop() {
        if (engineA != null) {
            engineA.allowPages(1000);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodeBShowsTheProgressOfARunOnNodeAPageByPageAndThenItsResult() {
        long runId = started(a.manager().trigger(SyncType.FULL)).id();

        SyncStatus first = b.manager().status();
        assertThat(first.state()).isEqualTo(SyncState.RUNNING);
        assertThat(first.run().id()).isEqualTo(runId);
        assertThat(first.run().owner()).isEqualTo(a.manager().nodeId());

        for (int page = 1; page < engineA.pages(); page++) {
            int expectedPercent = page * 20;
            int expectedAdded = page * 10;
            String expectedOperation = "Reading contacts: page " + page + " of 5";
            engineA.allowPages(1);
            await("node B showing page " + page + " of node A's run").atMost(PATIENCE).untilAsserted(() -> {
                SyncStatus s = b.manager().status();
                assertThat(s.state()).isEqualTo(SyncState.RUNNING);
                assertThat(s.run().id()).isEqualTo(runId);
                assertThat(s.percent()).isEqualTo(expectedPercent);
                assertThat(s.stats().added()).isEqualTo(expectedAdded);
                assertThat(s.currentOperation()).isEqualTo(expectedOperation);
            });
        }

        engineA.allowPages(1);
        await("node B showing the result of node A's run").atMost(PATIENCE)
                .until(() -> b.manager().status().state() == SyncState.COMPLETED);
        SyncStatus done = b.manager().status();
        assertThat(done.run().id()).isEqualTo(runId);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.stats()).isEqualTo(new SyncStats(50, 0, 0, 0, 0));
        assertThat(done.run().completedAt()).isNotNull();
        assertThat(b.manager().history(10, 0).items()).extracting(SyncRun::id).containsExactly(runId);
        assertThat(b.manager().info().lastSync()).isEqualTo(done.run().completedAt());
        assertThat(b.manager().info().totalContacts()).isEqualTo(50);
    }

    @Test
    void aCancelAskedOnNodeBStopsTheRunOnNodeA() {
        long runId = started(a.manager().trigger(SyncType.FULL)).id();
        engineA.allowPages(2);
        await().atMost(PATIENCE).until(() -> engineA.waitingBeforePage() == 3);

        Optional<SyncRun> asked = b.manager().cancel();

        assertThat(asked).map(SyncRun::id).contains(runId);
        await("node A's run cancelled").atMost(PATIENCE)
                .until(() -> b.manager().run(runId).orElseThrow().status() == RunStatus.CANCELLED);
        SyncRun cancelled = a.manager().run(runId).orElseThrow();
        assertThat(cancelled.error()).contains("cancelled");
        assertThat(cancelled.stats().added()).as("contacts saved before the cancel are kept").isEqualTo(20);
        assertThat(a.manager().contactStore().count()).isEqualTo(20);
        assertThat(b.manager().status().state()).isEqualTo(SyncState.CANCELLED);
        // The lease went with the run: the next trigger, on either node, starts at once.
        SyncRun next = started(b.manager().trigger(SyncType.FULL));
        await().atMost(PATIENCE).until(() -> b.manager().run(next.id()).orElseThrow().status().isFinal());
        assertThat(b.manager().run(next.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    }

    private static SyncRun started(TriggerResult result) {
        assertThat(result).isInstanceOf(TriggerResult.Started.class);
        return result.run();
    }
}
