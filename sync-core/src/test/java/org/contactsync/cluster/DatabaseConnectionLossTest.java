package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.contactsync.jdbc.DataAccessException;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a database restart does to the node that is running a sync: every one of its connections is cut (here by
 * terminating that node's backends only, so the test needs no restart of the shared server).
 */
class DatabaseConnectionLossTest {
    private static final int BATCH = 50;

    private PostgresCluster cluster;
    private StreamingSyncEngine engineA;

    @AfterEach
    void stop() {
        if (engineA != null) {
            engineA.finish();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void connectionsCutMidRunEndTheRunClearlyThePoolRecoversAndNoLeaseStaysStuck() throws Exception {
        cluster = PostgresCluster.create("dbloss");
        engineA = new StreamingSyncEngine();
        ClusterNode a = cluster.node("a", engineA, builder -> builder.batchSize(BATCH));
        ClusterNode b = cluster.node("b", new ScriptedSyncEngine().put(people(5)));

        long runId = started(a.manager().trigger(SyncType.FULL)).id();
        await("node A writing batches").atMost(Duration.ofSeconds(30))
                .until(() -> b.manager().contactStore().count() >= 3 * BATCH);

        int terminated = cluster.terminateBackendsOf("a");
        assertThat(terminated).as("node A's connections terminated").isPositive();
        // If the pool hands the run fresh connections and it never noticed, let it complete instead.
        engineA.finish();

        // status() is what every node's page polls; it also marks a run interrupted once its lease ran out.
        await("node A's run to end").atMost(Duration.ofSeconds(30)).until(() -> {
            SyncRun shown = b.manager().status().run();
            return shown.id() == runId && shown.status().isFinal();
        });
        SyncRun ended = b.manager().run(runId).orElseThrow();
        // Recorded as what it was (a database error), not left to expire as if node A had died.
        assertThat(ended.status()).as("run %d: %s", runId, ended).isIn(RunStatus.ERROR, RunStatus.COMPLETED);
        if (ended.status() == RunStatus.ERROR) {
            assertThat(ended.error()).isEqualTo("Could not save contacts to the database. Check that the database "
                    + "is reachable and run the sync again.");
            assertThat(ended.errorDetail()).contains("SQLState");
        }
        assertThat(b.manager().stateStore().activeRun()).as("lease held after the run ended").isEmpty();
        assertThat(cluster.contactsWithoutExactly(StreamingSyncEngine.PHONES)).as("half-written contacts").isZero();
        if (ended.status() != RunStatus.COMPLETED) {
            assertThat(b.manager().contactStore().count() % BATCH).as("contacts beyond whole batches").isZero();
        }

        // No stuck lease and a working pool: node A itself starts and completes the next run. A first attempt may
        // still draw one of the pool's dead connections (and fail with a clear DataAccessException, evicting it).
        AtomicReference<TriggerResult> next = new AtomicReference<>();
        await("node A to start a new run").atMost(Duration.ofSeconds(20))
                .ignoreExceptionsInstanceOf(DataAccessException.class)
                .until(() -> {
                    next.set(a.manager().trigger(SyncType.FULL));
                    return next.get() instanceof TriggerResult.Started;
                });
        SyncRun after = a.manager().await(next.get().run().id(), Duration.ofSeconds(30)).orElseThrow();
        assertThat(after.status()).as("run after the connection loss: %s", after).isEqualTo(RunStatus.COMPLETED);
        assertThat(cluster.contactsWithoutExactly(StreamingSyncEngine.PHONES)).isZero();
    }

    private static SyncRun started(TriggerResult result) {
        assertThat(result).isInstanceOf(TriggerResult.Started.class);
        return result.run();
    }
}
