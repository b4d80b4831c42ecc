package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import org.contactsync.sync.SyncRun;
import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

class PostgresSyncStateStoreTest extends JdbcSyncStateStoreContract {
    private PostgresTestDatabase pg;

    @Override
    protected JdbcSettings settings() {
        pg = PostgresTestDatabase.createSchema("state");
        return pg.settings();
    }

    @Override
    protected void release() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void whenTheDatabaseDropsEveryConnectionThePoolRecoversAndTheLeaseIsStillHeld() throws Exception {
        SyncRun run = opened(store.openRun(MANUAL, "node-a", LONG_LEASE));

        // What a database restart does to the pool: every open connection is cut.
        try (Connection c = pg.open();
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, pg.applicationName());
            try (ResultSet rs = ps.executeQuery()) {
                int cut = 0;
                while (rs.next()) {
                    cut++;
                }
                assertThat(cut).isPositive();
            }
        }

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> store.renewLease(run.id(), "node-a", LONG_LEASE).leaseHeld());
        assertThat(store.activeRun()).get().extracting(SyncRun::id).isEqualTo(run.id());
    }
}
