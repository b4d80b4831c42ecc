package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lease as users meet it: however many people press "Sync now" at once, on whichever instance the load balancer
 * sends them to, exactly one run starts and everyone else is told which run is active. Each subclass says how two
 * nodes are built over one database.
 */
abstract class ConcurrentTriggerSpec {
    private static final int CALLERS = 100;

    /** Two managers over one database, each with the given engine; called once per test. */
    protected abstract List<SyncManager> twoNodes(ScriptedSyncEngine engineA, ScriptedSyncEngine engineB);

    /** Closes what {@link #twoNodes} built. */
    protected abstract void closeNodes();

    @AfterEach
    void close() {
        closeNodes();
    }

    @Test
    void aHundredConcurrentTriggersSpreadOverTwoNodesStartExactlyOneRunAndNameItToEveryOtherCaller()
            throws Exception {
        // Both nodes read the same source, as every instance of one deployment does. Whichever node wins holds its
        // run before the first page, so the run is still active while all the other callers are answered.
        ScriptedSyncEngine engineA = new ScriptedSyncEngine().pageSize(10).put(people(20));
        ScriptedSyncEngine engineB = new ScriptedSyncEngine().pageSize(10).put(people(20));
        ScriptedSyncEngine.Gate gateA = engineA.blockNextRun(1);
        ScriptedSyncEngine.Gate gateB = engineB.blockNextRun(1);
        List<SyncManager> nodes = twoNodes(engineA, engineB);

        List<TriggerResult> results;
        try {
            results = triggerConcurrently(CALLERS, i -> nodes.get(i % 2), m -> m.trigger(SyncType.FULL));
        } finally {
            gateA.release();
            gateB.release();
        }

        List<TriggerResult> started = results.stream().filter(TriggerResult.Started.class::isInstance).toList();
        assertThat(started).as("runs started by %d concurrent triggers", CALLERS).hasSize(1);
        long runId = started.get(0).run().id();
        assertThat(results).filteredOn(TriggerResult.AlreadyRunning.class::isInstance)
                .hasSize(CALLERS - 1)
                .allSatisfy(r -> assertThat(r.run().id()).as("active run named to a refused caller").isEqualTo(runId));

        SyncManager anyNode = nodes.get(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> anyNode.run(runId).map(r -> r.status().isFinal()).orElse(false));
        SyncRun finished = anyNode.run(runId).orElseThrow();
        assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(finished.stats().added()).isEqualTo(20);
        assertThat(anyNode.history(10, 0).total()).as("runs recorded").isEqualTo(1);
        assertThat(engineA.runCount() + engineB.runCount()).as("runs the engines saw").isEqualTo(1);
        assertThat(nodes.get(0).contactStore().count()).isEqualTo(20);
    }

    /** {@code callers} threads released at once, caller i calling {@code trigger} on {@code node(i)}. */
    static List<TriggerResult> triggerConcurrently(int callers, java.util.function.IntFunction<SyncManager> node,
                                                   java.util.function.Function<SyncManager, TriggerResult> trigger)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TriggerResult>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                SyncManager m = node.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return trigger.apply(m);
                }));
            }
            ready.await();
            go.countDown();
            List<TriggerResult> results = new ArrayList<>();
            for (Future<TriggerResult> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
