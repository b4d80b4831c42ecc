package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.people;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scheduled syncs: recorded as scheduled, never queued behind a run, backing off after failures, once per cluster. */
class SyncSchedulerTest {
    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(5).put(people(10));
    private final SyncFixture sync = new SyncFixture(engine);
    private final List<SyncScheduler> schedulers = new ArrayList<>();

    @AfterEach
    void closeAll() {
        schedulers.forEach(SyncScheduler::close);
        sync.close();
    }

    @Test
    void scheduledRunsAreRecordedAsScheduledAndInfoShowsTheSchedule() {
        SyncScheduler scheduler = start(sync.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO));

        await().atMost(WAIT).until(() -> completedRuns().size() >= 2);

        assertThat(completedRuns()).allSatisfy(r -> {
            assertThat(r.trigger()).isEqualTo(SyncTrigger.SCHEDULED);
            assertThat(r.type()).isEqualTo(SyncType.INCREMENTAL);
        });
        SyncInfo info = sync.manager().info();
        assertThat(info.automatic()).isTrue();
        assertThat(info.interval()).isEqualTo(INTERVAL);
        assertThat(info.nextSync()).isNotNull().isAfter(Instant.now().minus(INTERVAL));
        assertThat(scheduler.status().consecutiveFailures()).isZero();
        assertThat(sync.manager().schedule()).contains(scheduler.status());
    }

    @Test
    void aTickWhileARunIsActiveIsSkippedNotQueued() throws Exception {
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
        SyncRun manual = sync.manager().trigger(SyncType.FULL).run();
        gate.awaitReached();

        start(sync.manager(), SyncSchedule.every(Duration.ofMillis(100)).withInitialDelay(Duration.ZERO));

        // Several ticks pass while the manual run holds the lease: none starts or waits for a run.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> history().size() == 1);
        gate.release();
        SyncRun manualDone = sync.manager().await(manual.id(), WAIT).orElseThrow();
        await().atMost(WAIT).until(() -> scheduledRuns().size() >= 2);

        List<SyncRun> scheduled = scheduledRuns();
        assertThat(scheduled.get(0).startedAt()).isAfterOrEqualTo(manualDone.completedAt());
        // No burst of queued ticks once the lease was free: the scheduled runs keep the interval.
        assertThat(Duration.between(scheduled.get(0).startedAt(), scheduled.get(1).startedAt()))
                .isGreaterThanOrEqualTo(SyncScheduler.minGap(Duration.ofMillis(100)));
    }

    @Test
    void failuresBackOffAndASuccessRestoresTheInterval() {
        Duration interval = Duration.ofMillis(200);
        engine.failNextRuns(3, new ConnectException("Connection refused"));
        SyncScheduler scheduler = start(sync.manager(), SyncSchedule.every(interval).withInitialDelay(Duration.ZERO));

        await().atMost(WAIT).until(() -> scheduler.consecutiveFailures() == 3);
        ScheduleStatus backingOff = scheduler.status();
        assertThat(backingOff.backingOff()).isTrue();
        assertThat(backingOff.currentDelay()).isEqualTo(interval.multipliedBy(8));

        await().atMost(WAIT).until(() -> !completedRuns().isEmpty() && scheduler.consecutiveFailures() == 0);

        assertThat(scheduler.status().currentDelay()).isEqualTo(interval);
        List<SyncRun> runs = scheduledRuns();
        assertThat(runs).extracting(SyncRun::status).startsWith(RunStatus.ERROR, RunStatus.ERROR, RunStatus.ERROR,
                RunStatus.COMPLETED);
        // Each retry waited twice as long as the one before: 2×, 4×, 8× the interval (less timer slack).
        for (int i = 1; i <= 3; i++) {
            Duration gap = Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt());
            assertThat(gap).as("gap before run %d", i + 1)
                    .isGreaterThanOrEqualTo(interval.multipliedBy(1L << i).minusMillis(50));
        }
    }

    @Test
    void theBackoffDoublesUpToEightTimesTheInterval() {
        Duration i = Duration.ofMinutes(30);

        assertThat(SyncScheduler.backoffDelay(i, 0)).isEqualTo(i);
        assertThat(SyncScheduler.backoffDelay(i, 1)).isEqualTo(Duration.ofHours(1));
        assertThat(SyncScheduler.backoffDelay(i, 2)).isEqualTo(Duration.ofHours(2));
        assertThat(SyncScheduler.backoffDelay(i, 3)).isEqualTo(Duration.ofHours(4));
        assertThat(SyncScheduler.backoffDelay(i, 50)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void twoNodesSharingOneStoreRunOneScheduledSyncPerInterval() {
        SyncManager nodeB = sync.newNode("node-b");
        start(sync.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO));
        start(nodeB, SyncSchedule.every(INTERVAL).withInitialDelay(INTERVAL.dividedBy(2)));

        await().atMost(WAIT).until(() -> scheduledRuns().size() >= 6);

        List<SyncRun> runs = scheduledRuns();
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1).startedAt(), runs.get(i).startedAt()))
                    .as("gap between scheduled runs %d and %d", runs.get(i - 1).id(), runs.get(i).id())
                    .isGreaterThanOrEqualTo(SyncScheduler.minGap(INTERVAL));
        }
        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isIn(RunStatus.COMPLETED, RunStatus.RUNNING));
    }

    @Test
    void aFullIntervalMakesTheDueTicksFullSyncs() {
        SyncSchedule schedule = new SyncSchedule(Duration.ofMillis(200), Duration.ofMillis(600), Duration.ZERO);
        start(sync.manager(), schedule);

        await().atMost(WAIT).until(() -> completedRuns().size() >= 7);

        List<SyncRun> runs = completedRuns();
        assertThat(runs.get(0).type()).as("no full sync yet, so the first is full").isEqualTo(SyncType.FULL);
        assertThat(runs).extracting(SyncRun::type).contains(SyncType.INCREMENTAL);
        List<SyncRun> full = runs.stream().filter(r -> r.type() == SyncType.FULL).toList();
        assertThat(full).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i < full.size(); i++) {
            assertThat(Duration.between(full.get(i - 1).startedAt(), full.get(i).startedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void closingStopsTheScheduleAndInfoShowsManual() {
        SyncScheduler scheduler = start(sync.manager(), SyncSchedule.every(INTERVAL).withInitialDelay(Duration.ZERO));
        await().atMost(WAIT).until(() -> !completedRuns().isEmpty());

        scheduler.close();
        int runs = history().size();

        assertThat(sync.manager().info().automatic()).isFalse();
        assertThat(sync.manager().info().nextSync()).isNull();
        assertThat(scheduler.status()).isNull();
        await().during(INTERVAL.multipliedBy(2)).atMost(WAIT).until(() -> history().size() == runs);
    }

    @Test
    void aScheduleThatIsOffStartsNoRunsAndShowsManual() {
        start(sync.manager(), SyncSchedule.OFF);

        assertThat(sync.manager().info().automatic()).isFalse();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> history().isEmpty());
    }

    @Test
    void aSchedulerStartsOnlyOnce() {
        SyncScheduler scheduler = start(sync.manager(), SyncSchedule.every(Duration.ofHours(1)));

        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
    }

    private SyncScheduler start(SyncManager manager, SyncSchedule schedule) {
        SyncScheduler s = new SyncScheduler(manager, schedule);
        schedulers.add(s);
        return s.start();
    }

    private List<SyncRun> history() {
        List<SyncRun> runs = new ArrayList<>(sync.stateStore().history(1000, 0).items());
        runs.sort(Comparator.comparingLong(SyncRun::id));
        return runs;
    }

    private List<SyncRun> scheduledRuns() {
        return history().stream().filter(r -> r.trigger() == SyncTrigger.SCHEDULED).toList();
    }

    private List<SyncRun> completedRuns() {
        return scheduledRuns().stream().filter(r -> r.status() == RunStatus.COMPLETED).toList();
    }
}
