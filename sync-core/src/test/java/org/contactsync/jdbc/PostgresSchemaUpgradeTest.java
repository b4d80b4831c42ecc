package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

class PostgresSchemaUpgradeTest extends SchemaUpgradeContract {
    private PostgresTestDatabase pg;

    @Override
    protected JdbcSettings emptyDatabase() {
        pg = PostgresTestDatabase.createSchema("upgrade");
        return pg.settings();
    }

    @Override
    protected void release() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void severalInstancesStartingTogetherOnAnOldSchemaUpgradeItOnce() throws Exception {
        JdbcSettings settings = emptyDatabase();
        createPreviousRelease(settings);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "upgrading-" + i;
                starts.add(pool.submit(() -> {
                    go.await();
                    try (ContactSyncDatabase db = ContactSyncDatabase.configure().settings(settings).poolName(name)
                            .load()) {
                        return db.contactStore().count();
                    }
                }));
            }
            go.countDown();
            for (Future<Long> start : starts) {
                assertThat(start.get(60, TimeUnit.SECONDS)).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = pg.open();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM " + ContactSyncDatabase.HISTORY_TABLE
                     + " ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertThat(versions).containsSubsequence("1", "100", "101").doesNotHaveDuplicates();
        }
    }

    /** Tables, indexes and sequences (pg_class), and constraints, of the test's schema. */
    @Override
    protected List<String> schemaObjectNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        for (String sql : List.of(
                "SELECT r.relname FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace "
                        + "WHERE n.nspname = ? AND r.relkind IN ('r', 'i', 'S', 'v', 'm')",
                "SELECT k.conname FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace "
                        + "WHERE n.nspname = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, pg.schema());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
        }
        return names;
    }
}
