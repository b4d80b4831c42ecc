package org.contactsync.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.testkit.PostgresTestDatabase;

/**
 * Several nodes on one PostgreSQL schema, each with its own HikariCP pool whose connections carry the node's
 * application_name, so a test can cut one node off the database without touching the others (or other tests).
 * Skips the calling test unless PostgreSQL tests are on (see {@link PostgresTestDatabase}).
 */
final class PostgresCluster implements AutoCloseable {
    /** Short enough that a dead node is noticed quickly; the heartbeat renews it several times per lease. */
    static final Duration LEASE = Duration.ofSeconds(3);
    static final Duration HEARTBEAT = Duration.ofMillis(500);

    private final PostgresTestDatabase pg;
    private final List<ClusterNode> nodes = new ArrayList<>();

    private PostgresCluster(PostgresTestDatabase pg) {
        this.pg = pg;
    }

    /** A fresh schema, created and migrated once, so nodes start without running Flyway. */
    static PostgresCluster create(String label) {
        PostgresTestDatabase pg = PostgresTestDatabase.createSchema(label);
        // Flyway holds one connection for its lock and works on another.
        try (ContactSyncDatabase ignored = ContactSyncDatabase.configure().settings(pg.settings().withPoolSize(3))
                .poolName("cluster-migrate").load()) {
            return new PostgresCluster(pg);
        } catch (RuntimeException | Error e) {
            pg.close();
            throw e;
        }
    }

    String schema() {
        return pg.schema();
    }

    /** What the connections of the node called {@code nodeName} report as application_name. */
    String applicationName(String nodeName) {
        return pg.applicationName() + "-" + nodeName;
    }

    /** Settings for a pool of the node {@code nodeName}: its own application_name, a small pool, a short timeout. */
    JdbcSettings settings(String nodeName) {
        return JdbcSettings.postgresql(PostgresTestDatabase.URL + "?ApplicationName=" + applicationName(nodeName)
                        + "&connectTimeout=5", PostgresTestDatabase.USER, null)
                .withSchema(pg.schema()).withPoolSize(4).withConnectionTimeout(Duration.ofSeconds(5));
    }

    /** A node with the cluster's short lease and heartbeat. */
    ClusterNode node(String name, SyncEngine engine) {
        return node(name, engine, b -> b);
    }

    /** A node whose manager {@code tuning} may adjust (batch size, lease...). */
    ClusterNode node(String name, SyncEngine engine, UnaryOperator<SyncManager.Builder> tuning) {
        return build(name, b -> tuning.apply(b.engine(engine)));
    }

    /** A node that reads these named sources (name → engine), in the map's order. */
    ClusterNode nodeWithSources(String name, java.util.Map<String, SyncEngine> sources) {
        return build(name, b -> {
            sources.forEach(b::source);
            return b;
        });
    }

    /** A node whose manager {@code wiring} gives its source(s) and any tuning. */
    private ClusterNode build(String name, UnaryOperator<SyncManager.Builder> wiring) {
        ContactSyncDatabase db = ContactSyncDatabase.configure().settings(settings(name)).poolName("cluster-" + name)
                .migrate(false).load();
        try {
            SyncManager manager = wiring.apply(SyncManager.builder()
                    .stateStore(db.syncStateStore())
                    .contactStore(db.contactStore())
                    .nodeId("node-" + name)
                    .lease(LEASE)
                    .heartbeatInterval(HEARTBEAT)
                    .progressSaveInterval(Duration.ofMillis(100))
                    .batchSize(10)).build();
            ClusterNode node = new ClusterNode(name, applicationName(name), db, manager);
            nodes.add(node);
            return node;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * What a database restart does to one node: terminates every backend of that node's pool (found by its
     * application_name), from a connection outside any pool. Returns how many were terminated.
     */
    int terminateBackendsOf(String nodeName) throws SQLException {
        try (Connection c = pg.open(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
                + "(SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = ? AND pid <> pg_backend_pid()) k WHERE t")) {
            ps.setString(1, applicationName(nodeName));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A plain connection to the cluster's schema, outside every node's pool. */
    Connection open() throws SQLException {
        return pg.open();
    }

    /** How many stored contacts do not have exactly {@code phones} phone numbers (0: none was half-written). */
    long contactsWithoutExactly(int phones) throws SQLException {
        try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT phone_digits FROM cs_contacts")) {
            long wrong = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Each number's digits between newlines (PhoneColumns): n numbers, n + 1 newlines.
                    String digits = rs.getString(1);
                    long count = digits == null ? 0 : digits.chars().filter(ch -> ch == '\n').count() - 1;
                    wrong += count == phones ? 0 : 1;
                }
            }
            return wrong;
        }
    }

    /** Closes every node (managers, then pools), then drops the schema. */
    @Override
    public void close() {
        try {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        } finally {
            pg.close();
        }
    }
}
