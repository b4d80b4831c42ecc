package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Empties the ContactSync tables between tests that share one database. */
final class JdbcTestTables {
    private JdbcTestTables() {
    }

    static void clear(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            for (String table : new String[] {"cs_contacts", "cs_run_sources", "cs_sync_runs", "cs_sync_cursors",
                    "cs_run_changes", "cs_run_change_totals"}) {
                st.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not empty the test tables", e);
        }
    }
}
