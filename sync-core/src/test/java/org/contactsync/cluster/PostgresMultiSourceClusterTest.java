package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SourceOutcome;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one PostgreSQL database, each configured with the same three sources: still exactly one sync at
 * a time in the whole cluster, whether people sync everything or one source, and every node sees which source the
 * run is reading.
 */
class PostgresMultiSourceClusterTest {
    private static final int CALLERS = 60;
    private static final List<String> SOURCES = List.of("staff", "customers", "suppliers");

    private PostgresCluster cluster;
    /** Per node, its engines by source name (each node reads the same data, as one deployment does). */
    private final List<Map<String, ScriptedSyncEngine>> engines = List.of(engines(), engines());

    private static Map<String, ScriptedSyncEngine> engines() {
        Map<String, ScriptedSyncEngine> byName = new LinkedHashMap<>();
        for (String name : SOURCES) {
            byName.put(name, new ScriptedSyncEngine(name + "-engine").withCursor().pageSize(5).put(people(10)));
        }
        return byName;
    }

    private List<SyncManager> twoNodes() {
        cluster = PostgresCluster.create("sources");
        return List.of(cluster.nodeWithSources("a", new LinkedHashMap<String, SyncEngine>(engines.get(0))).manager(),
                cluster.nodeWithSources("b", new LinkedHashMap<String, SyncEngine>(engines.get(1))).manager());
    }

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void concurrentTriggersOfAllSourcesAndOfSingleSourcesOnTwoNodesStartExactlyOneRun() throws Exception {
        // Whichever node wins holds its run in the first source it reads, so the run is active while the others are
        // answered.
        List<ScriptedSyncEngine.Gate> gates = new java.util.ArrayList<>();
        engines.forEach(node -> node.values().forEach(e -> gates.add(e.blockNextRun(1))));
        List<SyncManager> nodes = twoNodes();
        java.util.concurrent.atomic.AtomicInteger picks = new java.util.concurrent.atomic.AtomicInteger();

        List<TriggerResult> results;
        try {
            results = ConcurrentTriggerSpec.triggerConcurrently(CALLERS, i -> nodes.get(i % 2), m -> m.trigger(
                    new RunRequest(SyncType.FULL, SyncTrigger.MANUAL).forSource(pick(picks.getAndIncrement()))));
            long runId = startedRun(results);
            await().atMost(Duration.ofSeconds(10)).until(() -> gates.stream().anyMatch(ScriptedSyncEngine.Gate::isReached));
            // Every node sees from the store which source the run is reading.
            for (SyncManager node : nodes) {
                assertThat(node.stateStore().sourceOutcomes(runId)).extracting(SourceOutcome::status)
                        .containsExactly(RunStatus.RUNNING);
                for (String name : SOURCES) {
                    assertThat(node.trigger(new RunRequest(SyncType.FULL, SyncTrigger.MANUAL).forSource(name)))
                            .isInstanceOf(TriggerResult.AlreadyRunning.class);
                }
            }
        } finally {
            gates.forEach(ScriptedSyncEngine.Gate::release);
        }

        long runId = startedRun(results);
        SyncManager anyNode = nodes.get(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> anyNode.run(runId).map(r -> r.status().isFinal()).orElse(false));
        SyncRun finished = anyNode.run(runId).orElseThrow();
        assertThat(finished.status()).as(finished.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(anyNode.history(10, 0).total()).as("runs recorded").isEqualTo(1);
        int runsSeen = 0;
        for (Map<String, ScriptedSyncEngine> node : engines) {
            for (ScriptedSyncEngine e : node.values()) {
                runsSeen += e.runCount();
            }
        }
        List<SourceOutcome> outcomes = anyNode.sourceOutcomes(runId);
        assertThat(runsSeen).as("source reads of the one run").isEqualTo(outcomes.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(RunStatus.COMPLETED));
        assertThat(nodes.get(0).contactStore().count()).isEqualTo(10L * outcomes.size());
    }

    @Test
    void aSecondRunOfThreeSourcesWaitsForTheFirstOnEitherNode() throws Exception {
        List<SyncManager> nodes = twoNodes();
        ScriptedSyncEngine.Gate gate = engines.get(0).get("suppliers").blockNextRun(1);
        long first;
        try {
            first = ((TriggerResult.Started) nodes.get(0).trigger(SyncType.FULL)).run().id();
            gate.awaitReached();
            assertThat(nodes.get(1).trigger(SyncType.INCREMENTAL)).isInstanceOf(TriggerResult.AlreadyRunning.class)
                    .extracting(TriggerResult::run).extracting(SyncRun::id).isEqualTo(first);
        } finally {
            gate.release();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> nodes.get(1).run(first).map(r -> r.status().isFinal()).orElse(false));

        TriggerResult second = nodes.get(1).trigger(SyncType.INCREMENTAL);

        assertThat(second).isInstanceOf(TriggerResult.Started.class);
        SyncRun run = nodes.get(1).await(second.run().id(), Duration.ofSeconds(30)).orElseThrow();
        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        // Node b continued from the cursors node a stored, source by source.
        for (String name : SOURCES) {
            assertThat(engines.get(1).get(name).calls()).last().extracting(ScriptedSyncEngine.Call::type)
                    .isEqualTo(SyncType.INCREMENTAL);
            assertThat(engines.get(1).get(name).calls().get(0).cursor()).isPresent();
        }
        assertThat(nodes.get(0).sourceOutcomes(run.id())).extracting(SourceOutcome::source)
                .containsExactlyElementsOf(SOURCES);
    }

    /** Caller i asks for every source or for one, in turn. */
    private static String pick(int i) {
        int k = i % (SOURCES.size() + 1);
        return k == SOURCES.size() ? null : SOURCES.get(k);
    }

    private static long startedRun(List<TriggerResult> results) {
        List<TriggerResult> started = results.stream().filter(TriggerResult.Started.class::isInstance).toList();
        assertThat(started).as("runs started by %d concurrent triggers", CALLERS).hasSize(1);
        long runId = started.get(0).run().id();
        assertThat(results).filteredOn(TriggerResult.AlreadyRunning.class::isInstance).hasSize(CALLERS - 1)
                .allSatisfy(r -> assertThat(r.run().id()).isEqualTo(runId));
        return runId;
    }
}
