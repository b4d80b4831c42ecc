package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.contactsync.sync.OpenResult;
import org.contactsync.sync.RunOutcome;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncStateStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The sync state store contract plus the lease between two instances: two stores on two separate pools over the
 * same database, as two app servers would have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcSyncStateStoreContract extends SyncStateStoreContract {
    protected ContactSyncDatabase db;
    protected JdbcSettings jdbcSettings;
    private HikariDataSource secondPool;
    /** The second instance, on its own pool. */
    protected JdbcSyncStateStore other;

    protected abstract JdbcSettings settings();

    protected void release() {
    }

    @BeforeAll
    void openDatabase() {
        jdbcSettings = settings();
        db = ContactSyncDatabase.configure().settings(jdbcSettings).poolName(getClass().getSimpleName()).load();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        release();
    }

    @Override
    protected SyncStateStore newEmptyStore() {
        JdbcTestTables.clear(db.dataSource());
        return db.syncStateStore();
    }

    @BeforeEach
    void openSecondInstance() {
        secondPool = DataSources.create(jdbcSettings, getClass().getSimpleName() + "-second");
        other = new JdbcSyncStateStore(secondPool, db.dialect());
    }

    @AfterEach
    void closeSecondInstance() {
        secondPool.close();
    }

    @Test
    void twoInstancesOpenExactlyOneRunAmongManyConcurrentAttempts() throws Exception {
        List<OpenResult> results = concurrently(40, i ->
                (i % 2 == 0 ? store : other).openRun(MANUAL, "node-" + (i % 2 == 0 ? "a" : "b"), LONG_LEASE));

        assertThat(results).filteredOn(OpenResult.Opened.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(OpenResult.Busy.class::isInstance).hasSize(39);
        assertThat(other.history(100, 0).total()).isEqualTo(1);
    }

    @Test
    void scheduledTicksOnTwoInstancesOpenOneRunPerInterval() throws Exception {
        List<OpenResult> results = concurrently(20, i -> {
            SyncStateStore node = i % 2 == 0 ? store : other;
            OpenResult r = node.openRun(scheduled(Duration.ofHours(1)), "node-" + i, LONG_LEASE);
            if (r instanceof OpenResult.Opened o) {
                node.finishRun(o.run().id(), "node-" + i, completed(SyncStats.ZERO)).orElseThrow();
            }
            return r;
        });

        assertThat(results).filteredOn(OpenResult.Opened.class::isInstance).hasSize(1);
        assertThat(store.history(100, 0).total()).isEqualTo(1);
    }

    @Test
    void oneInstanceSeesTheOthersProgressCancelRequestAndResult() {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));
        store.saveProgress(run.id(), SyncType.INCREMENTAL, 55, "Saving contacts", new SyncStats(5, 1, 0, 3, 0));

        SyncRun seen = other.activeRun().orElseThrow();
        assertThat(seen.id()).isEqualTo(run.id());
        assertThat(seen.percent()).isEqualTo(55);
        assertThat(seen.currentOperation()).isEqualTo("Saving contacts");
        assertThat(seen.owner()).isEqualTo("node-a");

        assertThat(other.requestCancel(run.id())).isTrue();
        assertThat(store.renewLease(run.id(), "node-a", LONG_LEASE).cancelRequested()).isTrue();

        SyncRun done = store.finishRun(run.id(), "node-a", new RunOutcome(RunStatus.CANCELLED, SyncType.INCREMENTAL,
                new SyncStats(5, 1, 0, 3, 0), null, null)).orElseThrow();
        assertThat(other.latestRun()).contains(done);
        assertThat(other.activeRun()).isEmpty();
    }

    @Test
    void whenAnInstanceStopsHeartbeatingAnotherTakesOverAfterTheLease() {
        SyncRun dead = opened(store.openRun(MANUAL, "node-a", SHORT_LEASE));

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> other.openRun(MANUAL, "node-b", LONG_LEASE) instanceof OpenResult.Opened);

        assertThat(store.findRun(dead.id()).orElseThrow().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(store.renewLease(dead.id(), "node-a", LONG_LEASE).leaseHeld()).isFalse();
        assertThat(store.finishRun(dead.id(), "node-a", completed(SyncStats.ZERO))).isEmpty();
        assertThat(store.activeRun()).get().extracting(SyncRun::owner).isEqualTo("node-b");
    }

    @Test
    void theLeaseEndsTheLeaseDurationAfterTheDatabaseClocksStart() throws SQLException {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", Duration.ofSeconds(90)));

        assertThat(leaseUntil(run.id())).isEqualTo(run.startedAt().plusSeconds(90));

        Instant before = store.now();
        store.renewLease(run.id(), "node-a", Duration.ofSeconds(30));
        assertThat(leaseUntil(run.id())).isBetween(before.plusSeconds(30), store.now().plusSeconds(30));
    }

    @Test
    void aRunningRunCannotBeInsertedTwiceEvenPastTheLockRow() throws SQLException {
        opened(store.openRun(MANUAL, "node-a", LONG_LEASE));

        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO cs_sync_runs (requested_type, run_type, run_trigger, "
                     + "status, started_at, owner_id, active_slot) VALUES ('FULL', 'FULL', 'MANUAL', 'RUNNING', "
                     + "CURRENT_TIMESTAMP, 'rogue', 1)")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("23505");
        }
    }

    private Instant leaseUntil(long runId) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lease_until FROM cs_sync_runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return db.dialect().getInstant(rs, "lease_until");
            }
        }
    }
}
