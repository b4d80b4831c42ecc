package org.contactsync.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.contactsync.Page;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventLog;

/**
 * {@link ConfigEventLog} in the database (table {@code cs_config_events}), shared by every node. Each event is
 * stamped with the database's clock, so the timeline orders events from different nodes by one clock; ties are
 * broken by the row id (the order they were recorded in).
 */
public final class JdbcConfigEventLog implements ConfigEventLog {
    private static final String COLUMNS = "SELECT recorded_at, kind, actor, summary, source_name FROM cs_config_events ";

    private final Dialect dialect;
    private final Transactions transactions;

    public JdbcConfigEventLog(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public ConfigEvent record(ConfigEvent event) {
        Objects.requireNonNull(event, "event");
        return transactions.write("record a configuration change", c -> {
            ConfigEvent kept = event.at(dialect.now(c));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_config_events "
                    + "(recorded_at, kind, actor, summary, source_name) VALUES (?, ?, ?, ?, ?)")) {
                dialect.setInstant(ps, 1, kept.at());
                ps.setString(2, kept.kind());
                ps.setString(3, kept.actor());
                ps.setString(4, kept.summary());
                ps.setString(5, kept.source());
                ps.executeUpdate();
            }
            return kept;
        });
    }

    @Override
    public Page<ConfigEvent> page(int limit, int offset) {
        if (limit < 0 || offset < 0) {
            throw new IllegalArgumentException("limit and offset must not be negative, were " + limit + " and "
                    + offset);
        }
        return transactions.read("read the configuration changes", c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_config_events");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<ConfigEvent> items = new ArrayList<>();
            if (limit > 0) {
                try (PreparedStatement ps = c.prepareStatement(COLUMNS
                        + "ORDER BY recorded_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    ps.setInt(1, offset);
                    ps.setInt(2, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(event(rs));
                        }
                    }
                }
            }
            return new Page<>(items, total, limit, offset);
        });
    }

    @Override
    public Optional<ConfigEvent> latest(String kind, String source) {
        return transactions.read("read the last configuration change", c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS
                    + "WHERE kind = ? AND source_name = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, kind);
                ps.setString(2, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(event(rs)) : Optional.<ConfigEvent>empty();
                }
            }
        });
    }

    private ConfigEvent event(ResultSet rs) throws SQLException {
        Instant at = dialect.getInstant(rs, "recorded_at");
        return new ConfigEvent(at, rs.getString("kind"), rs.getString("actor"), rs.getString("summary"),
                rs.getString("source_name"));
    }
}
