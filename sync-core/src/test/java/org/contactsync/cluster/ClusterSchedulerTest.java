package org.contactsync.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncSchedule;
import org.contactsync.sync.SyncScheduler;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every node runs a scheduler with the same interval; the shared database lets one run per interval through. */
class ClusterSchedulerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private PostgresCluster cluster;
    private SyncScheduler schedulerA;
    private SyncScheduler schedulerB;

    @AfterEach
    void stop() {
        if (schedulerA != null) {
            schedulerA.close();
        }
        if (schedulerB != null) {
            schedulerB.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void scheduledTicksOnTwoNodesRunOneSyncPerIntervalAcrossTheCluster() {
        cluster = PostgresCluster.create("schedule");
        ScriptedSyncEngine engineA = new ScriptedSyncEngine().withCursor().put(people(10));
        ScriptedSyncEngine engineB = new ScriptedSyncEngine().withCursor().put(people(10));
        ClusterNode a = cluster.node("a", engineA);
        ClusterNode b = cluster.node("b", engineB);
        // Both nodes tick at once from the start: the worst case for running an interval twice.
        SyncSchedule schedule = SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO);

        schedulerA = new SyncScheduler(a.manager(), schedule).start();
        schedulerB = new SyncScheduler(b.manager(), schedule).start();
        await("four scheduled runs").atMost(Duration.ofSeconds(40))
                .until(() -> finishedRuns(a).size() >= 4);
        // Each node shows its own next tick, whichever node ran the last interval.
        assertThat(List.of(a.manager().info(), b.manager().info())).allSatisfy(info -> {
            assertThat(info.automatic()).isTrue();
            assertThat(info.interval()).isEqualTo(INTERVAL);
            assertThat(info.nextSync()).isNotNull();
        });
        schedulerA.close();
        schedulerB.close();
        await("the last run to end").atMost(Duration.ofSeconds(20))
                .until(() -> a.manager().stateStore().activeRun().isEmpty());

        List<SyncRun> runs = a.manager().history(100, 0).items().stream()
                .sorted(Comparator.comparing(SyncRun::startedAt)).toList();
        assertThat(runs).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(r -> {
                    assertThat(r.trigger()).isEqualTo(SyncTrigger.SCHEDULED);
                    assertThat(r.status()).isEqualTo(RunStatus.COMPLETED);
                });
        // One run per interval: no two runs started closer than the interval allows (the database clock decides,
        // with a tenth of the interval for timer jitter), and no interval was skipped outright.
        for (int i = 1; i < runs.size(); i++) {
            Duration gap = Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt());
            assertThat(gap).as("gap between runs %d and %d", runs.get(i - 1).id(), runs.get(i).id())
                    .isGreaterThanOrEqualTo(INTERVAL.minus(INTERVAL.dividedBy(10)))
                    .isLessThan(INTERVAL.multipliedBy(3));
        }
        assertThat(engineA.runCount() + engineB.runCount()).as("runs the engines saw").isEqualTo(runs.size());
    }

    private static List<SyncRun> finishedRuns(ClusterNode node) {
        return node.manager().history(100, 0).items().stream().filter(r -> r.status().isFinal()).toList();
    }
}
