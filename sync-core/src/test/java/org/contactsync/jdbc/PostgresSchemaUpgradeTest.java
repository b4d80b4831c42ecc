package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.contactsync.testkit.PostgresTestDatabase;

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
