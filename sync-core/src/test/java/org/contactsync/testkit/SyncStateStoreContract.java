package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contactsync.Page;
import org.contactsync.sync.Heartbeat;
import org.contactsync.sync.OpenResult;
import org.contactsync.sync.RunOutcome;
import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SourceOutcome;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every behaviour a {@link SyncStateStore} must have: the run lifecycle, the lease (exclusive across threads,
 * expiring without heartbeats), cancellation, progress, history and cursors. Each implementation's test extends
 * this class and only says how to build an empty store.
 */
public abstract class SyncStateStoreContract {
    protected static final Duration LONG_LEASE = Duration.ofMinutes(5);
    protected static final Duration SHORT_LEASE = Duration.ofSeconds(1);
    protected static final RunRequest MANUAL = new RunRequest(SyncType.INCREMENTAL, SyncTrigger.MANUAL);
    protected static final RunRequest MANUAL_FULL = new RunRequest(SyncType.FULL, SyncTrigger.MANUAL);
    protected static final String INTERRUPTED_MESSAGE =
            "The sync stopped unexpectedly: the server running it stopped responding. Run the sync again.";

    protected SyncStateStore store;

    /** A new, empty store (for shared databases: with every table emptied). */
    protected abstract SyncStateStore newEmptyStore();

    @BeforeEach
    void createStore() {
        store = newEmptyStore();
    }

    protected static SyncRun opened(OpenResult result) {
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return ((OpenResult.Opened) result).run();
    }

    protected static RunRequest scheduled(Duration minGap) {
        return new RunRequest(SyncType.INCREMENTAL, SyncTrigger.SCHEDULED, minGap);
    }

    protected static RunOutcome completed(SyncStats stats) {
        return new RunOutcome(RunStatus.COMPLETED, SyncType.INCREMENTAL, stats, null, null);
    }

    private SyncRun openAndFinish(RunRequest request, RunStatus status) {
        SyncRun run = opened(store.openRun(request, "node-a", LONG_LEASE));
        String error = status == RunStatus.ERROR ? "It failed." : null;
        return store.finishRun(run.id(), "node-a", new RunOutcome(status, request.type(), SyncStats.ZERO, error,
                null)).orElseThrow();
    }

    // ---- sources of a run

    private static SourceOutcome source(String name, int order, RunStatus status, SyncStats stats, String message) {
        return new SourceOutcome(name, order, "scripted", SyncType.FULL, status, stats, message,
                message == null ? null : "detail of " + name);
    }

    @Test
    void aRunningRunsSourceOutcomesAreSavedReplacedAndReadInTheirOrder() {
        SyncRun run = opened(store.openRun(MANUAL_FULL, "node-a", LONG_LEASE));

        store.saveSourceOutcome(run.id(), source("staff", 0, RunStatus.RUNNING, SyncStats.ZERO, null));
        store.saveSourceOutcome(run.id(), source("customers", 1, RunStatus.RUNNING, SyncStats.ZERO, null));
        store.saveSourceOutcome(run.id(), source("staff", 0, RunStatus.COMPLETED, new SyncStats(2, 1, 0, 3, 0),
                null));

        assertThat(store.sourceOutcomes(run.id())).containsExactly(
                source("staff", 0, RunStatus.COMPLETED, new SyncStats(2, 1, 0, 3, 0), null),
                source("customers", 1, RunStatus.RUNNING, SyncStats.ZERO, null));
        assertThat(store.sourceOutcomes(run.id() + 99)).isEmpty();
    }

    @Test
    void finishingARunStoresItsSourcesOutcomesWithIt() {
        SyncRun run = opened(store.openRun(MANUAL_FULL, "node-a", LONG_LEASE));
        store.saveSourceOutcome(run.id(), source("customers", 1, RunStatus.RUNNING, SyncStats.ZERO, null));
        List<SourceOutcome> outcomes = List.of(source("staff", 0, RunStatus.COMPLETED, new SyncStats(1, 0, 0, 0, 0),
                null), source("customers", 1, RunStatus.ERROR, SyncStats.ZERO, "Could not reach Google."));

        store.finishRun(run.id(), "node-a", new RunOutcome(RunStatus.ERROR, SyncType.FULL,
                new SyncStats(1, 0, 0, 0, 0), "Could not sync the source customers.", null, outcomes));
        store.saveSourceOutcome(run.id(), source("late", 2, RunStatus.RUNNING, SyncStats.ZERO, null));

        assertThat(store.sourceOutcomes(run.id())).as("a finished run's sources no longer change")
                .containsExactlyElementsOf(outcomes);
    }

    @Test
    void theHistoryOfASourceHasOnlyTheRunsThatIncludedIt() {
        SyncRun both = opened(store.openRun(MANUAL_FULL, "node-a", LONG_LEASE));
        store.finishRun(both.id(), "node-a", new RunOutcome(RunStatus.COMPLETED, SyncType.FULL, SyncStats.ZERO,
                null, null, List.of(source("staff", 0, RunStatus.COMPLETED, SyncStats.ZERO, null),
                source("customers", 1, RunStatus.COMPLETED, SyncStats.ZERO, null))));
        SyncRun staffOnly = opened(store.openRun(MANUAL_FULL, "node-a", LONG_LEASE));
        store.finishRun(staffOnly.id(), "node-a", new RunOutcome(RunStatus.COMPLETED, SyncType.FULL,
                SyncStats.ZERO, null, null, List.of(source("staff", 0, RunStatus.COMPLETED, SyncStats.ZERO, null))));

        assertThat(store.history("staff", 10, 0).items()).extracting(SyncRun::id)
                .containsExactly(staffOnly.id(), both.id());
        Page<SyncRun> customers = store.history("customers", 10, 0);
        assertThat(customers.items()).extracting(SyncRun::id).containsExactly(both.id());
        assertThat(customers.total()).isEqualTo(1);
        assertThat(store.history("staff", 1, 1).items()).extracting(SyncRun::id).containsExactly(both.id());
        assertThat(store.history("nobody", 10, 0).total()).isZero();
        assertThat(store.history(null, 10, 0).total()).isEqualTo(2);
    }

    @Test
    void aRunThatIsInterruptedMarksTheSourceItWasReadingInterrupted() {
        SyncRun run = opened(store.openRun(MANUAL_FULL, "node-a", SHORT_LEASE));
        store.saveSourceOutcome(run.id(), source("staff", 0, RunStatus.COMPLETED, SyncStats.ZERO, null));
        store.saveSourceOutcome(run.id(), source("customers", 1, RunStatus.RUNNING, SyncStats.ZERO, null));

        await().atMost(Duration.ofSeconds(10)).until(() -> store.interruptExpiredRuns() == 1);

        assertThat(store.sourceOutcomes(run.id())).extracting(SourceOutcome::source, SourceOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("staff", RunStatus.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("customers", RunStatus.INTERRUPTED));
    }

    // ---- opening

    @Test
    void openingARunOnAnIdleStoreGivesTheCallerARunningRun() {
        Instant before = store.now();
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        Instant after = store.now();

        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.requestedType()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.trigger()).isEqualTo(SyncTrigger.MANUAL);
        assertThat(run.owner()).isEqualTo("node-a");
        assertThat(run.startedAt()).isBetween(before, after);
        assertThat(run.completedAt()).isNull();
        assertThat(run.stats()).isEqualTo(SyncStats.ZERO);
        assertThat(run.percent()).isZero();
        assertThat(run.error()).isNull();
        assertThat(store.findRun(run.id())).contains(run);
        assertThat(store.activeRun()).contains(run);
        assertThat(store.latestRun()).contains(run);
    }

    @Test
    void anEmptyStoreHasNoRuns() {
        assertThat(store.activeRun()).isEmpty();
        assertThat(store.latestRun()).isEmpty();
        assertThat(store.lastCompletedRun()).isEmpty();
        assertThat(store.findRun(1)).isEmpty();
        assertThat(store.history(10, 0).total()).isZero();
        assertThat(store.interruptExpiredRuns()).isZero();
    }

    @Test
    void whileARunHoldsItsLeaseEveryOtherOpenIsBusyWithThatRun() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));

        OpenResult sameNode = store.openRun(MANUAL_FULL, "node-a", LONG_LEASE);
        OpenResult otherNode = store.openRun(MANUAL, "node-b", LONG_LEASE);

        assertThat(sameNode).isEqualTo(new OpenResult.Busy(run));
        assertThat(otherNode).isEqualTo(new OpenResult.Busy(run));
        assertThat(store.history(10, 0).total()).isEqualTo(1);
    }

    @Test
    void exactlyOneOfTwentyConcurrentOpenersGetsTheRun() throws Exception {
        List<OpenResult> results = concurrently(20, i -> store.openRun(MANUAL, "node-" + i, LONG_LEASE));

        List<SyncRun> winners = results.stream().filter(OpenResult.Opened.class::isInstance)
                .map(r -> ((OpenResult.Opened) r).run()).toList();
        assertThat(winners).hasSize(1);
        assertThat(results).filteredOn(OpenResult.Busy.class::isInstance).hasSize(19)
                .allSatisfy(r -> assertThat(((OpenResult.Busy) r).activeRun().id()).isEqualTo(winners.get(0).id()));
        assertThat(store.history(100, 0).total()).isEqualTo(1);
    }

    @Test
    void aRunMayOpenAgainOnceThePreviousOneFinished() {
        SyncRun first = openAndFinish(MANUAL, RunStatus.COMPLETED);

        SyncRun second = opened(store.openRun(MANUAL_FULL, "node-b", LONG_LEASE));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.type()).isEqualTo(SyncType.FULL);
        assertThat(store.latestRun()).contains(second);
    }

    @Test
    void runTimesComeFromTheStoreClock() {
        Instant before = store.now();
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        SyncRun finished = store.finishRun(run.id(), "node-a", completed(SyncStats.ZERO)).orElseThrow();
        Instant after = store.now();

        assertThat(finished.startedAt()).isBetween(before, after);
        assertThat(finished.completedAt()).isBetween(finished.startedAt(), after);
    }

    // ---- the lease

    @Test
    void aRunWhoseLeaseExpiredIsInterruptedAndANewRunMayOpen() {
        SyncRun dead = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));
        assertThat(store.openRun(MANUAL, "node-b", LONG_LEASE)).isInstanceOf(OpenResult.Busy.class);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> store.openRun(MANUAL, "node-b", LONG_LEASE) instanceof OpenResult.Opened);

        SyncRun interrupted = store.findRun(dead.id()).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(interrupted.error()).isEqualTo(INTERRUPTED_MESSAGE);
        assertThat(interrupted.errorDetail()).contains("node-a");
        assertThat(interrupted.completedAt()).isAfterOrEqualTo(dead.startedAt());
        assertThat(store.activeRun()).get().extracting(SyncRun::owner).isEqualTo("node-b");
    }

    @Test
    void readingTheActiveRunMarksAnExpiredOneInterrupted() {
        SyncRun dead = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> store.activeRun().isEmpty());

        assertThat(store.findRun(dead.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.latestRun().orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.interruptExpiredRuns()).isZero();
    }

    @Test
    void interruptExpiredRunsCountsTheRunsItMarked() {
        SyncRun dead = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(store::interruptExpiredRuns, n -> n == 1);

        assertThat(store.findRun(dead.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.interruptExpiredRuns()).isZero();
    }

    @Test
    void heartbeatsKeepTheLeaseAlivePastItsFirstExpiry() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));

        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.renewLease(run.id(), "node-a", SHORT_LEASE).leaseHeld()
                        && store.activeRun().map(SyncRun::id).equals(java.util.Optional.of(run.id())));

        assertThat(store.openRun(MANUAL, "node-b", LONG_LEASE)).isInstanceOf(OpenResult.Busy.class);
    }

    @Test
    void aHeartbeatFromAnotherNodeDoesNotHoldTheLease() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));

        assertThat(store.renewLease(run.id(), "node-b", LONG_LEASE)).isEqualTo(new Heartbeat(false, false));
        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE)).isEqualTo(new Heartbeat(true, false));
        assertThat(store.renewLease(run.id() + 1000, "node-a", LONG_LEASE).leaseHeld()).isFalse();
    }

    @Test
    void aHeartbeatAfterTheRunWasInterruptedTellsTheOwnerItLostTheLease() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> store.activeRun().isEmpty());

        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE).leaseHeld()).isFalse();
        assertThat(store.findRun(run.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void anInterruptedRunCanNoLongerBeFinishedByItsOwner() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> store.activeRun().isEmpty());

        assertThat(store.finishRun(run.id(), "node-a", completed(new SyncStats(1, 0, 0, 0, 0)))).isEmpty();
        SyncRun after = store.findRun(run.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(after.stats()).isEqualTo(SyncStats.ZERO);
    }

    // ---- cancellation

    @Test
    void aCancelRequestIsSeenAtTheNextHeartbeat() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE).cancelRequested()).isFalse();

        assertThat(store.requestCancel(run.id())).isTrue();

        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE)).isEqualTo(new Heartbeat(true, true));
    }

    @Test
    void onlyARunningRunCanBeAskedToCancel() {
        SyncRun finished = openAndFinish(MANUAL, RunStatus.COMPLETED);

        assertThat(store.requestCancel(finished.id())).isFalse();
        assertThat(store.requestCancel(finished.id() + 1000)).isFalse();
    }

    // ---- progress

    @Test
    void savedProgressIsWhatEveryReaderSees() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        SyncStats stats = new SyncStats(3, 2, 1, 40, 1);

        store.saveProgress(run.id(), SyncType.FULL, 45, "Reading contacts: page 2 of 5", stats);

        SyncRun seen = store.activeRun().orElseThrow();
        assertThat(seen.percent()).isEqualTo(45);
        assertThat(seen.currentOperation()).isEqualTo("Reading contacts: page 2 of 5");
        assertThat(seen.stats()).isEqualTo(stats);
        assertThat(seen.type()).isEqualTo(SyncType.FULL);
        assertThat(seen.requestedType()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(seen.fellBackToFull()).isTrue();
        assertThat(store.findRun(run.id())).contains(seen);
    }

    @Test
    void progressOfAFinishedRunIsIgnored() {
        SyncRun finished = openAndFinish(MANUAL, RunStatus.COMPLETED);

        store.saveProgress(finished.id(), SyncType.FULL, 10, "Late", new SyncStats(9, 9, 9, 9, 9));

        assertThat(store.findRun(finished.id())).contains(finished);
    }

    // ---- finishing

    @Test
    void aCompletedRunRecordsItsOutcomeAndReleasesTheLease() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        store.saveProgress(run.id(), SyncType.INCREMENTAL, 60, "Saving", SyncStats.ZERO);
        SyncStats stats = new SyncStats(5, 4, 3, 2, 1);

        SyncRun done = store.finishRun(run.id(), "node-a",
                new RunOutcome(RunStatus.COMPLETED, SyncType.FULL, stats, null, null)).orElseThrow();

        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.type()).isEqualTo(SyncType.FULL);
        assertThat(done.stats()).isEqualTo(stats);
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.currentOperation()).isEqualTo("Completed");
        assertThat(done.completedAt()).isNotNull();
        assertThat(store.findRun(run.id())).contains(done);
        assertThat(store.activeRun()).isEmpty();
        assertThat(store.lastCompletedRun()).contains(done);
        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE).leaseHeld()).isFalse();
        assertThat(store.openRun(MANUAL, "node-b", LONG_LEASE)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void aFailedRunKeepsItsProgressAndRecordsTheMessageForPeopleAndTheDetailForTheLog() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        store.saveProgress(run.id(), SyncType.INCREMENTAL, 30, "Reading", SyncStats.ZERO);
        String detail = "java.net.ConnectException: Connection refused <- " + "x".repeat(1500);

        SyncRun failed = store.finishRun(run.id(), "node-a", new RunOutcome(RunStatus.ERROR, SyncType.INCREMENTAL,
                new SyncStats(1, 0, 0, 0, 0), "Could not reach the contact source.", detail)).orElseThrow();

        assertThat(failed.status()).isEqualTo(RunStatus.ERROR);
        assertThat(failed.percent()).isEqualTo(30);
        assertThat(failed.currentOperation()).isEqualTo("Failed");
        assertThat(failed.error()).isEqualTo("Could not reach the contact source.");
        assertThat(failed.errorDetail()).isEqualTo(detail);
        assertThat(store.lastCompletedRun()).isEmpty();
    }

    @Test
    void aCancelledRunIsRecordedAsCancelled() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        store.requestCancel(run.id());

        SyncRun cancelled = store.finishRun(run.id(), "node-a",
                new RunOutcome(RunStatus.CANCELLED, SyncType.INCREMENTAL, SyncStats.ZERO, null, null)).orElseThrow();

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.currentOperation()).isEqualTo("Cancelled");
    }

    @Test
    void onlyTheOwnerCanFinishARunningRunAndOnlyOnce() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));

        assertThat(store.finishRun(run.id(), "node-b", completed(SyncStats.ZERO))).isEmpty();
        assertThat(store.activeRun()).contains(run);

        assertThat(store.finishRun(run.id(), "node-a", completed(SyncStats.ZERO))).isPresent();
        assertThat(store.finishRun(run.id(), "node-a", completed(new SyncStats(7, 0, 0, 0, 0)))).isEmpty();
        assertThat(store.findRun(run.id()).orElseThrow().stats()).isEqualTo(SyncStats.ZERO);
        assertThat(store.finishRun(run.id() + 1000, "node-a", completed(SyncStats.ZERO))).isEmpty();
    }

    // ---- history

    @Test
    void historyListsRunsNewestFirstWithTheTotal() {
        List<SyncRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(openAndFinish(MANUAL, i == 2 ? RunStatus.ERROR : RunStatus.COMPLETED));
        }

        Page<SyncRun> page = store.history(2, 1);
        assertThat(page.items()).containsExactly(runs.get(3), runs.get(2));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hasMore()).isTrue();
        assertThat(store.history(10, 4).items()).containsExactly(runs.get(0));
        assertThat(store.history(10, 5).items()).isEmpty();
        assertThat(store.history(10, 0).items()).hasSize(5).first().isEqualTo(runs.get(4));
    }

    @Test
    void historyRejectsANegativeLimitOrOffset() {
        assertThatThrownBy(() -> store.history(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.history(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLatestRunIsTheNewestWhateverItsStateAndTheLastCompletedSkipsFailures() {
        SyncRun ok = openAndFinish(MANUAL, RunStatus.COMPLETED);
        SyncRun failed = openAndFinish(MANUAL, RunStatus.ERROR);

        assertThat(store.latestRun()).contains(failed);
        assertThat(store.lastCompletedRun()).contains(ok);
    }

    // ---- once per interval (scheduled runs across nodes)

    @Test
    void aScheduledRunWithinTheGapOfTheLastScheduledOneIsNotDue() {
        SyncRun last = openAndFinish(scheduled(null), RunStatus.COMPLETED);

        OpenResult result = store.openRun(scheduled(Duration.ofHours(1)), "node-b", LONG_LEASE);

        assertThat(result).isEqualTo(new OpenResult.NotDue(last));
        assertThat(store.history(10, 0).total()).isEqualTo(1);
    }

    @Test
    void manualRunsDoNotCountTowardsTheScheduledGap() {
        SyncRun lastScheduled = openAndFinish(scheduled(null), RunStatus.COMPLETED);
        openAndFinish(MANUAL, RunStatus.COMPLETED);

        assertThat(store.openRun(scheduled(Duration.ofHours(1)), "node-b", LONG_LEASE))
                .isEqualTo(new OpenResult.NotDue(lastScheduled));
        assertThat(store.openRun(MANUAL, "node-b", LONG_LEASE)).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void aScheduledRunOpensWhenNoScheduledRunStartedWithinTheGap() {
        openAndFinish(MANUAL, RunStatus.COMPLETED);
        assertThat(store.openRun(scheduled(Duration.ofHours(1)), "node-b", LONG_LEASE))
                .isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void aScheduledRunOpensAgainOnceTheGapHasPassed() {
        openAndFinish(scheduled(null), RunStatus.COMPLETED);
        assertThat(store.openRun(scheduled(Duration.ofSeconds(1)), "node-b", LONG_LEASE))
                .isInstanceOf(OpenResult.NotDue.class);

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> store.openRun(scheduled(Duration.ofSeconds(1)), "node-b", LONG_LEASE)
                        instanceof OpenResult.Opened);
    }

    @Test
    void aRunningRunMakesAScheduledOpenBusyRatherThanNotDue() {
        SyncRun running = opened(store.openRun(scheduled(null), "node-a", LONG_LEASE));

        assertThat(store.openRun(scheduled(Duration.ofHours(1)), "node-b", LONG_LEASE))
                .isEqualTo(new OpenResult.Busy(running));
    }

    @Test
    void concurrentScheduledTicksOpenOneRunPerIntervalEvenWhenItFinishesAtOnce() throws Exception {
        List<OpenResult> results = concurrently(20, i -> {
            OpenResult r = store.openRun(scheduled(Duration.ofHours(1)), "node-" + i, LONG_LEASE);
            if (r instanceof OpenResult.Opened o) {
                store.finishRun(o.run().id(), "node-" + i, completed(SyncStats.ZERO)).orElseThrow();
            }
            return r;
        });

        assertThat(results).filteredOn(OpenResult.Opened.class::isInstance).hasSize(1);
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOfAny(OpenResult.Opened.class,
                OpenResult.Busy.class, OpenResult.NotDue.class));
        assertThat(store.history(100, 0).total()).isEqualTo(1);
    }

    // ---- cursors

    @Test
    void cursorsAreStoredReplacedAndClearedByKey() {
        assertThat(store.cursor("google")).isEmpty();

        store.saveCursor("google", "token-1");
        store.saveCursor("vcard", "hash-1");
        store.saveCursor("google", "token-2");

        assertThat(store.cursor("google")).contains("token-2");
        assertThat(store.cursor("vcard")).contains("hash-1");

        store.saveCursor("google", null);
        assertThat(store.cursor("google")).isEmpty();
        assertThat(store.cursor("vcard")).contains("hash-1");
        store.saveCursor("never-saved", null);
        assertThat(store.cursor("never-saved")).isEmpty();
    }

    @Test
    void aLongCursorIsKeptWhole() {
        String token = "t".repeat(5000) + "é€";
        store.saveCursor("google", token);
        assertThat(store.cursor("google")).contains(token);
    }

    // ---- helpers

    protected static final Duration PATIENCE = Duration.ofSeconds(20);

    @FunctionalInterface
    protected interface Attempt<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code n} attempts at the same moment on {@code n} threads and returns their results. */
    protected static <T> List<T> concurrently(int n, Attempt<T> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return attempt.run(index);
                };
                futures.add(pool.submit(task));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
