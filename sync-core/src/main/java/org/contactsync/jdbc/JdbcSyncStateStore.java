package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs, progress, history, cursors and the run lease in a database, shared by every instance that uses it.
 *
 * <p>Opening a run first locks the single row of {@code cs_sync_lock}, so openers on all instances take turns; the
 * opener then marks expired runs interrupted, checks for a live run and for {@link RunRequest#minGapSinceLastScheduled},
 * and inserts its run, all in that one transaction. A unique column that only a RUNNING run fills makes a second
 * running run impossible even past that lock. Lease times come from the database clock ({@link Dialect}).
 */
public final class JdbcSyncStateStore implements SyncStateStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcSyncStateStore.class);

    static final String INTERRUPTED_MESSAGE =
            "The sync stopped unexpectedly: the server running it stopped responding. Run the sync again.";

    private static final String RUN_COLUMNS = "id, requested_type, run_type, run_trigger, status, started_at, "
            + "completed_at, contacts_added, contacts_updated, contacts_deleted, contacts_unchanged, contact_errors, "
            + "percent_done, current_operation, error_message, error_detail, owner_id";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Transactions transactions;

    public JdbcSyncStateStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public OpenResult openRun(RunRequest request, String owner, Duration lease) {
        Objects.requireNonNull(request, "request");
        requireOwner(owner);
        requireLease(lease);
        return transactions.write("open a sync run", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cs_sync_lock SET holder = ?, locked_at = ? WHERE id = 1")) {
                ps.setString(1, Columns.fit(owner, 255));
                dialect.setInstant(ps, 2, dialect.now(c));
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("The cs_sync_lock row is missing; the database schema is damaged", "55000");
                }
            }
            // Read the clock only once the lock is ours, so a lease never starts in the past.
            Instant now = dialect.now(c);
            interruptExpired(c, now);
            Optional<SyncRun> active = selectOne(c, "WHERE status = 'RUNNING'", List.of());
            if (active.isPresent()) {
                return new OpenResult.Busy(active.get());
            }
            if (request.minGapSinceLastScheduled() != null) {
                Optional<SyncRun> lastScheduled = selectOne(c, "WHERE run_trigger = ? ORDER BY id DESC "
                        + "FETCH FIRST 1 ROWS ONLY", List.of(SyncTrigger.SCHEDULED.name()));
                if (lastScheduled.isPresent()
                        && lastScheduled.get().startedAt().isAfter(now.minus(request.minGapSinceLastScheduled()))) {
                    return new OpenResult.NotDue(lastScheduled.get());
                }
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_sync_runs (requested_type, run_type, "
                    + "run_trigger, status, started_at, percent_done, current_operation, owner_id, lease_until, "
                    + "active_slot) VALUES (?, ?, ?, 'RUNNING', ?, 0, 'Starting', ?, ?, 1)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, request.type().name());
                ps.setString(2, request.type().name());
                ps.setString(3, request.trigger().name());
                dialect.setInstant(ps, 4, now);
                ps.setString(5, owner);
                dialect.setInstant(ps, 6, now.plus(lease));
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    // The one-active-run constraint caught a run this transaction did not see (seen on Derby under
                    // load): run the transaction again, which then finds that run and answers Busy, not an error.
                    throw Transactions.retryOnDuplicateKey(e, "another sync run was opened concurrently");
                }
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return new OpenResult.Opened(selectOne(c, "WHERE id = ?", List.of(id)).orElseThrow());
        });
    }

    @Override
    public Heartbeat renewLease(long runId, String owner, Duration lease) {
        requireOwner(owner);
        requireLease(lease);
        if (dialect == Dialect.POSTGRESQL) {
            return transactions.single("renew the sync lease", c -> renewOnPostgres(c, runId, owner, lease));
        }
        return transactions.write("renew the sync lease", c -> {
            boolean held;
            try (PreparedStatement ps = c.prepareStatement("UPDATE cs_sync_runs SET lease_until = ? "
                    + "WHERE id = ? AND owner_id = ? AND status = 'RUNNING'")) {
                dialect.setInstant(ps, 1, dialect.now(c).plus(lease));
                ps.setLong(2, runId);
                ps.setString(3, owner);
                held = ps.executeUpdate() == 1;
            }
            return new Heartbeat(held, cancelRequested(c, runId));
        });
    }

    /**
     * The renewal a run makes before each batch it writes: while the lease is held, one statement in one round
     * trip (autocommit; the database's clock in the UPDATE itself, the cancel flag returned by it). Its commit does
     * not wait for the disk ({@link AsynchronousCommit}).
     */
    private static Heartbeat renewOnPostgres(Connection c, long runId, String owner, Duration lease)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AsynchronousCommit.WITH + "UPDATE cs_sync_runs "
                + "SET lease_until = clock_timestamp() + ? * INTERVAL '1 millisecond' FROM " + AsynchronousCommit.TABLE
                + " WHERE id = ? AND owner_id = ? AND status = 'RUNNING' RETURNING cancel_requested")) {
            ps.setLong(1, lease.toMillis());
            ps.setLong(2, runId);
            ps.setString(3, owner);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new Heartbeat(true, rs.getBoolean(1));
                }
            }
        }
        return new Heartbeat(false, cancelRequested(c, runId));
    }

    private static boolean cancelRequested(Connection c, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cancel_requested FROM cs_sync_runs WHERE id = ?")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public boolean requestCancel(long runId) {
        return transactions.write("ask a sync run to cancel", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cs_sync_runs SET cancel_requested = TRUE WHERE id = ? AND status = 'RUNNING'")) {
                ps.setLong(1, runId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void saveProgress(long runId, SyncType type, int percent, String currentOperation, SyncStats stats) {
        Objects.requireNonNull(type, "type");
        SyncStats s = stats == null ? SyncStats.ZERO : stats;
        transactions.write("save sync progress", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cs_sync_runs SET run_type = ?, percent_done = ?, "
                    + "current_operation = ?, contacts_added = ?, contacts_updated = ?, contacts_deleted = ?, "
                    + "contacts_unchanged = ?, contact_errors = ? WHERE id = ? AND status = 'RUNNING'")) {
                ps.setString(1, type.name());
                ps.setInt(2, Math.max(0, Math.min(100, percent)));
                ps.setString(3, Columns.fit(currentOperation, 1000));
                bindStats(ps, 4, s);
                ps.setLong(9, runId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void saveSourceOutcome(long runId, SourceOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        transactions.write("save a source's part of a sync run", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM cs_sync_runs WHERE id = ? AND status = 'RUNNING'")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                }
            }
            replaceSourceOutcomes(c, runId, List.of(outcome));
            return null;
        });
    }

    @Override
    public List<SourceOutcome> sourceOutcomes(long runId) {
        return transactions.read("read the sources of a sync run", c -> {
            List<SourceOutcome> outcomes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source, sort_order, engine, run_type, status, "
                    + "contacts_added, contacts_updated, contacts_deleted, contacts_unchanged, contact_errors, "
                    + "error_message, error_detail FROM cs_run_sources WHERE run_id = ? ORDER BY sort_order, source")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outcomes.add(new SourceOutcome(rs.getString("source"), rs.getInt("sort_order"),
                                rs.getString("engine"), SyncType.valueOf(rs.getString("run_type")),
                                RunStatus.valueOf(rs.getString("status")), stats(rs),
                                rs.getString("error_message"), rs.getString("error_detail")));
                    }
                }
            }
            return outcomes;
        });
    }

    @Override
    public Optional<SyncRun> finishRun(long runId, String owner, RunOutcome outcome) {
        requireOwner(owner);
        Objects.requireNonNull(outcome, "outcome");
        String operation = switch (outcome.status()) {
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            default -> "Failed";
        };
        return transactions.write("record the end of a sync run", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE cs_sync_runs SET status = ?, run_type = ?, "
                    + "completed_at = ?, contacts_added = ?, contacts_updated = ?, contacts_deleted = ?, "
                    + "contacts_unchanged = ?, contact_errors = ?, current_operation = ?, error_message = ?, "
                    + "error_detail = ?, active_slot = NULL, lease_until = NULL, cancel_requested = FALSE"
                    + (outcome.status() == RunStatus.COMPLETED ? ", percent_done = 100" : "")
                    + " WHERE id = ? AND owner_id = ? AND status = 'RUNNING'")) {
                ps.setString(1, outcome.status().name());
                ps.setString(2, outcome.type().name());
                dialect.setInstant(ps, 3, dialect.now(c));
                bindStats(ps, 4, outcome.stats());
                ps.setString(9, operation);
                ps.setString(10, Columns.fit(outcome.error(), 4000));
                ps.setString(11, Columns.fit(outcome.errorDetail(), 32000));
                ps.setLong(12, runId);
                ps.setString(13, owner);
                if (ps.executeUpdate() != 1) {
                    return Optional.<SyncRun>empty();
                }
            }
            replaceSourceOutcomes(c, runId, outcome.sources());
            return selectOne(c, "WHERE id = ?", List.of(runId));
        });
    }

    @Override
    public Optional<SyncRun> findRun(long runId) {
        return transactions.read("read a sync run", c -> selectOne(c, "WHERE id = ?", List.of(runId)));
    }

    @Override
    public Optional<SyncRun> activeRun() {
        interruptExpiredRuns();
        return transactions.read("read the active sync run",
                c -> selectOne(c, "WHERE status = 'RUNNING'", List.of()));
    }

    @Override
    public Optional<SyncRun> latestRun() {
        return transactions.read("read the latest sync run",
                c -> selectOne(c, "ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", List.of()));
    }

    @Override
    public Optional<SyncRun> lastCompletedRun() {
        return transactions.read("read the last completed sync run", c -> selectOne(c,
                "WHERE status = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", List.of(RunStatus.COMPLETED.name())));
    }

    @Override
    public Page<SyncRun> history(String source, int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative, were " + limit + " and "
                    + offset);
        }
        // Read in one snapshot, so the total matches the page.
        return transactions.run("read the sync history", isolationForReads(), c -> {
            String where = source == null ? "" : "WHERE id IN (SELECT run_id FROM cs_run_sources WHERE source = ?) ";
            List<Object> params = source == null ? List.of() : List.of(source);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_sync_runs " + where)) {
                Columns.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(offset);
            pageParams.add(limit);
            List<SyncRun> items = limit == 0 ? List.of() : select(c,
                    where + "ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", pageParams);
            return new Page<>(items, total, limit, offset);
        });
    }

    /**
     * Marks RUNNING runs whose lease has expired INTERRUPTED. Cheap when there are none (one indexed read), so
     * status polls may call it often.
     */
    @Override
    public int interruptExpiredRuns() {
        boolean any = transactions.read("look for expired sync leases", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM cs_sync_runs WHERE status = 'RUNNING' AND lease_until < ?")) {
                dialect.setInstant(ps, 1, dialect.now(c));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) > 0;
                }
            }
        });
        if (!any) {
            return 0;
        }
        return transactions.write("mark interrupted sync runs", c -> interruptExpired(c, dialect.now(c)));
    }

    @Override
    public Optional<String> cursor(String key) {
        Objects.requireNonNull(key, "key");
        return transactions.read("read a sync cursor", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT cursor_value FROM cs_sync_cursors WHERE cursor_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void saveCursor(String key, String cursor) {
        Objects.requireNonNull(key, "key");
        transactions.write("save a sync cursor", c -> {
            if (cursor == null) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM cs_sync_cursors WHERE cursor_key = ?")) {
                    ps.setString(1, key);
                    ps.executeUpdate();
                }
                return null;
            }
            Instant now = dialect.now(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE cs_sync_cursors SET cursor_value = ?, updated_at = ? WHERE cursor_key = ?")) {
                ps.setString(1, cursor);
                dialect.setInstant(ps, 2, now);
                ps.setString(3, key);
                if (ps.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cs_sync_cursors (cursor_key, cursor_value, updated_at) VALUES (?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, cursor);
                dialect.setInstant(ps, 3, now);
                ps.executeUpdate();
            } catch (SQLException e) {
                // Another caller inserted the key first: retrying turns this into an update.
                throw Transactions.retryOnDuplicateKey(e, "cursor inserted concurrently");
            }
            return null;
        });
    }

    @Override
    public Instant now() {
        try (Connection c = dataSource.getConnection()) {
            return dialect.now(c);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the database clock", e);
        }
    }

    // ---- helpers

    private int interruptExpired(Connection c, Instant now) throws SQLException {
        List<Object[]> expired = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, owner_id, lease_until FROM cs_sync_runs "
                + "WHERE status = 'RUNNING' AND lease_until < ?")) {
            dialect.setInstant(ps, 1, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expired.add(new Object[] {rs.getLong("id"), rs.getString("owner_id"),
                            dialect.getInstant(rs, "lease_until")});
                }
            }
        }
        int n = 0;
        for (Object[] run : expired) {
            Instant until = (Instant) run[2];
            try (PreparedStatement ps = c.prepareStatement("UPDATE cs_sync_runs SET status = 'INTERRUPTED', "
                    + "completed_at = ?, current_operation = 'Interrupted', error_message = ?, error_detail = ?, "
                    + "active_slot = NULL WHERE id = ? AND status = 'RUNNING' AND lease_until < ?")) {
                dialect.setInstant(ps, 1, until);
                ps.setString(2, INTERRUPTED_MESSAGE);
                ps.setString(3, "lease of " + run[1] + " expired at " + until);
                ps.setLong(4, (Long) run[0]);
                dialect.setInstant(ps, 5, now);
                if (ps.executeUpdate() == 1) {
                    n++;
                    try (PreparedStatement sources = c.prepareStatement("UPDATE cs_run_sources SET status = "
                            + "'INTERRUPTED' WHERE run_id = ? AND status = 'RUNNING'")) {
                        sources.setLong(1, (Long) run[0]);
                        sources.executeUpdate();
                    }
                    log.warn("Sync run {} of {} was interrupted: its lease expired at {} without a heartbeat",
                            run[0], run[1], until);
                }
            }
        }
        return n;
    }

    private int isolationForReads() {
        // PostgreSQL's REPEATABLE READ is a snapshot without extra locks; Derby's would hold read locks.
        return dialect == Dialect.POSTGRESQL ? Connection.TRANSACTION_REPEATABLE_READ
                : Connection.TRANSACTION_READ_COMMITTED;
    }

    private Optional<SyncRun> selectOne(Connection c, String clause, List<Object> params) throws SQLException {
        List<SyncRun> runs = select(c, clause, params);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
    }

    private List<SyncRun> select(Connection c, String clause, List<Object> params) throws SQLException {
        List<SyncRun> runs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM cs_sync_runs " + clause)) {
            Columns.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
        }
        return runs;
    }

    /** Replaces the rows of these sources of the run. */
    private static void replaceSourceOutcomes(Connection c, long runId, List<SourceOutcome> outcomes)
            throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM cs_run_sources WHERE run_id = ? AND source = ?")) {
            for (SourceOutcome o : outcomes) {
                delete.setLong(1, runId);
                delete.setString(2, o.source());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cs_run_sources (run_id, source, sort_order, "
                + "engine, run_type, status, contacts_added, contacts_updated, contacts_deleted, contacts_unchanged, "
                + "contact_errors, error_message, error_detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SourceOutcome o : outcomes) {
                insert.setLong(1, runId);
                insert.setString(2, o.source());
                insert.setInt(3, o.order());
                insert.setString(4, Columns.fit(o.engine(), 255));
                insert.setString(5, o.type().name());
                insert.setString(6, o.status().name());
                bindStats(insert, 7, o.stats());
                insert.setString(12, Columns.fit(o.message(), 4000));
                insert.setString(13, Columns.fit(o.detail(), 32000));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static SyncStats stats(ResultSet rs) throws SQLException {
        return new SyncStats(rs.getInt("contacts_added"), rs.getInt("contacts_updated"),
                rs.getInt("contacts_deleted"), rs.getInt("contacts_unchanged"), rs.getInt("contact_errors"));
    }

    private SyncRun run(ResultSet rs) throws SQLException {
        SyncStats stats = stats(rs);
        return new SyncRun(rs.getLong("id"), SyncType.valueOf(rs.getString("requested_type")),
                SyncType.valueOf(rs.getString("run_type")), SyncTrigger.valueOf(rs.getString("run_trigger")),
                RunStatus.valueOf(rs.getString("status")), dialect.getInstant(rs, "started_at"),
                dialect.getInstant(rs, "completed_at"), stats, rs.getInt("percent_done"),
                rs.getString("current_operation"), rs.getString("error_message"), rs.getString("error_detail"),
                rs.getString("owner_id"));
    }

    private static void bindStats(PreparedStatement ps, int first, SyncStats s) throws SQLException {
        ps.setInt(first, s.added());
        ps.setInt(first + 1, s.updated());
        ps.setInt(first + 2, s.deleted());
        ps.setInt(first + 3, s.unchanged());
        ps.setInt(first + 4, s.errors());
    }

    private static void requireOwner(String owner) {
        if (owner == null || owner.isBlank() || owner.length() > 255) {
            throw new IllegalArgumentException("owner must be a non-blank node id of at most 255 characters, was '"
                    + owner + "'");
        }
    }

    private static void requireLease(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be a positive duration, was " + lease);
        }
    }
}
