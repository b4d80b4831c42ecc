package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exactly one run at a time, however many callers ask at once, on one node or several. */
class SyncManagerConcurrencyTest {
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(10).put(people(30));
    private final SyncFixture sync = new SyncFixture(engine);

    @AfterEach
    void closeAll() {
        sync.close();
    }

    @Test
    void aHundredConcurrentTriggersStartExactlyOneRunAndTellTheOthersItsId() throws Exception {
        List<TriggerResult> results = triggerFromHundredThreads(i -> sync.manager());

        assertOneStartedAndTheRestAlreadyRunning(results);
    }

    @Test
    void aHundredConcurrentTriggersSpreadOverTwoNodesStartExactlyOneRun() throws Exception {
        SyncManager nodeB = sync.newNode("node-b");

        List<TriggerResult> results = triggerFromHundredThreads(i -> i % 2 == 0 ? sync.manager() : nodeB);

        assertOneStartedAndTheRestAlreadyRunning(results);
    }

    @Test
    void aNewRunStartsAsSoonAsThePreviousOneEnded() throws Exception {
        SyncRun first = sync.runToEnd(SyncType.FULL);
        SyncRun second = sync.runToEnd(SyncType.FULL);

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.stats().unchanged()).isEqualTo(30);
    }

    private List<TriggerResult> triggerFromHundredThreads(IntFunction<SyncManager> node) throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch ready = new CountDownLatch(100);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TriggerResult>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                SyncManager m = node.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return m.trigger(SyncType.FULL);
                }));
            }
            ready.await();
            go.countDown();
            List<TriggerResult> results = new ArrayList<>();
            for (Future<TriggerResult> f : futures) {
                results.add(f.get());
            }
            gate.awaitReached();
            return results;
        } finally {
            gate.release();
            pool.shutdown();
        }
    }

    private void assertOneStartedAndTheRestAlreadyRunning(List<TriggerResult> results) throws Exception {
        List<TriggerResult> started = results.stream().filter(TriggerResult.Started.class::isInstance).toList();
        assertThat(started).hasSize(1);
        long id = started.get(0).run().id();
        assertThat(results).filteredOn(TriggerResult.AlreadyRunning.class::isInstance).hasSize(99)
                .allSatisfy(r -> assertThat(r.run().id()).isEqualTo(id));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> sync.stateStore().findRun(id).orElseThrow().status().isFinal());
        assertThat(sync.stateStore().history(200, 0).total()).isEqualTo(1);
        assertThat(engine.runCount()).isEqualTo(1);
    }
}
