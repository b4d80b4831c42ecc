package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresContactSyncDatabaseTest {
    private PostgresTestDatabase pg;

    @BeforeEach
    void createSchema() {
        pg = PostgresTestDatabase.createSchema("database");
    }

    @AfterEach
    void dropSchema() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theTablesAreCreatedInTheConfiguredSchema() throws Exception {
        try (ContactSyncDatabase db = ContactSyncDatabase.open(pg.settings())) {
            assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
        }

        assertThat(tablesIn(pg.schema())).contains("cs_contacts", "cs_contact_store_version",
                "cs_sync_runs", "cs_sync_lock", "cs_sync_cursors", "cs_google_credential", ContactSyncDatabase.HISTORY_TABLE);
    }

    @Test
    void aSchemaThatAlreadyHoldsAnotherApplicationsTablesGetsContactSyncsTablesBesideThem() throws Exception {
        try (Connection c = pg.open(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE other_app_orders (id INT PRIMARY KEY)");
            st.execute("INSERT INTO other_app_orders VALUES (7)");
        }

        try (ContactSyncDatabase db = ContactSyncDatabase.open(pg.settings())) {
            assertThat(db.contactStore().count()).isZero();
        }
        try (ContactSyncDatabase db = ContactSyncDatabase.open(pg.settings())) {
            assertThat(db.syncStateStore().latestRun()).isEmpty();
        }

        assertThat(tablesIn(pg.schema())).contains("other_app_orders", "cs_contacts", "cs_sync_runs");
        try (Connection c = pg.open();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM other_app_orders");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void severalInstancesStartingAtOnceOnANewSchemaMigrateItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Long>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "instance-" + i;
                starts.add(pool.submit(() -> {
                    go.await();
                    try (ContactSyncDatabase db = ContactSyncDatabase.configure().settings(pg.settings())
                            .poolName(name).load()) {
                        return db.contactStore().count();
                    }
                }));
            }
            go.countDown();
            for (Future<Long> start : starts) {
                assertThat(start.get(60, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = pg.open();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + ContactSyncDatabase.HISTORY_TABLE
                     + " WHERE version = '1'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private List<String> tablesIn(String schema) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = pg.open();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }
}
