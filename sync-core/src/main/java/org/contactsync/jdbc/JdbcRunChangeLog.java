package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.contactsync.Page;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;
import org.contactsync.sync.changes.RunChanges;

/**
 * {@link RunChangeLog} in the database (tables {@code cs_run_changes} and {@code cs_run_change_totals}), shared by
 * every node on it. Like the other JDBC stores: one retried transaction per call, instants through the
 * {@link Dialect} (the database's clock), failures as {@link DataAccessException}.
 */
public final class JdbcRunChangeLog implements RunChangeLog {
    /** Runs forgotten per {@link #prune} call at most: each holds at most the per-run cap of rows. */
    static final int PRUNE_RUNS_PER_CALL = 20;
    private static final int NAME_COLUMN = 1000;
    private static final int SOURCE_ID_COLUMN = 512;
    private static final int SOURCE_COLUMN = 255;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Transactions transactions;

    public JdbcRunChangeLog(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public void append(long runId, List<ContactChange> changes, int beyondCap) {
        if (beyondCap < 0) {
            throw new IllegalArgumentException("beyondCap must not be negative, was " + beyondCap);
        }
        List<ContactChange> rows = List.copyOf(changes);
        transactions.write("save the changes of sync run " + runId, c -> {
            append(c, runId, rows, beyondCap);
            return null;
        });
    }

    /** Whether this log's tables are reached through {@code other}, so a store on it can write in one transaction. */
    boolean sharesDatabaseWith(DataSource other) {
        return dataSource == other;
    }

    /** Appends in the caller's transaction (the contacts' one, see {@link JdbcContactStore}). */
    void append(Connection c, long runId, List<ContactChange> rows, int beyondCap) throws SQLException {
        if (beyondCap < 0) {
            throw new IllegalArgumentException("beyondCap must not be negative, was " + beyondCap);
        }
        Instant now = dialect.now(c);
        int listed = updateTotals(c, runId, rows.size(), beyondCap, now);
        if (listed < 0) {
            insertTotals(c, runId, rows.size(), beyondCap, now);
            listed = 0;
        }
        insertChanges(c, runId, listed, rows);
    }

    @Override
    public RunChanges page(long runId, ContactChange.Kind kind, int limit, int offset) {
        String where = " WHERE run_id = ?" + (kind == null ? "" : " AND change_kind = ?");
        return transactions.read("read the changes of sync run " + runId, c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_run_changes" + where)) {
                bindRun(ps, runId, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ContactChange> items = new ArrayList<>();
            if (limit > 0 && offset < total) {
                try (PreparedStatement ps = c.prepareStatement("SELECT change_kind, source_name, source_id, "
                        + "display_name FROM cs_run_changes" + where
                        + " ORDER BY seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    int next = bindRun(ps, runId, kind);
                    ps.setInt(next, offset);
                    ps.setInt(next + 1, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(new ContactChange(ContactChange.Kind.valueOf(rs.getString(1)),
                                    rs.getString(2), rs.getString(3), rs.getString(4)));
                        }
                    }
                }
            }
            long beyond = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT beyond_cap FROM cs_run_change_totals WHERE run_id = ?")) {
                ps.setLong(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        beyond = rs.getLong(1);
                    }
                }
            }
            return new RunChanges(new Page<>(items, total, limit, offset), beyond);
        });
    }

    @Override
    public int prune(Instant before) {
        return transactions.write("forget the changes of old sync runs", c -> {
            List<Long> runs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id FROM cs_run_change_totals "
                    + "WHERE written_at < ? ORDER BY written_at FETCH FIRST " + PRUNE_RUNS_PER_CALL + " ROWS ONLY")) {
                dialect.setInstant(ps, 1, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(rs.getLong(1));
                    }
                }
            }
            for (String table : new String[] {"cs_run_changes", "cs_run_change_totals"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
                    for (long run : runs) {
                        ps.setLong(1, run);
                        ps.addBatch();
                    }
                    if (!runs.isEmpty()) {
                        ps.executeBatch();
                    }
                }
            }
            return runs.size();
        });
    }

    /** Adds to the run's totals; returns how many it had listed before, or -1 when it has no totals yet. */
    private int updateTotals(Connection c, long runId, int listed, int beyondCap, Instant now) throws SQLException {
        int before;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT listed FROM cs_run_change_totals WHERE run_id = ? FOR UPDATE")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                before = rs.getInt(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE cs_run_change_totals SET listed = listed + ?, "
                + "beyond_cap = beyond_cap + ?, written_at = ? WHERE run_id = ?")) {
            ps.setInt(1, listed);
            ps.setLong(2, beyondCap);
            dialect.setInstant(ps, 3, now);
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
        return before;
    }

    private void insertTotals(Connection c, long runId, int listed, int beyondCap, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_run_change_totals (run_id, listed, beyond_cap, "
                + "written_at) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, runId);
            ps.setInt(2, listed);
            ps.setLong(3, beyondCap);
            dialect.setInstant(ps, 4, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Another transaction created the run's totals first: run again, then it updates them.
            throw Transactions.retryOnDuplicateKey(e, "the changes of sync run " + runId + " were saved meanwhile");
        }
    }

    private static void insertChanges(Connection c, long runId, int firstSeq, List<ContactChange> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_run_changes (run_id, seq, change_kind, "
                + "source_name, source_id, display_name) VALUES (?, ?, ?, ?, ?, ?)")) {
            int seq = firstSeq;
            for (ContactChange change : rows) {
                ps.setLong(1, runId);
                ps.setInt(2, seq++);
                ps.setString(3, change.kind().name());
                ps.setString(4, Columns.fit(change.source(), SOURCE_COLUMN));
                ps.setString(5, Columns.fit(change.sourceId(), SOURCE_ID_COLUMN));
                ps.setString(6, Columns.fit(change.displayName(), NAME_COLUMN));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int bindRun(PreparedStatement ps, long runId, ContactChange.Kind kind) throws SQLException {
        ps.setLong(1, runId);
        if (kind == null) {
            return 2;
        }
        ps.setString(2, kind.name());
        return 3;
    }
}
