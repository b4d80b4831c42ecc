package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

class DerbySchemaUpgradeTest extends SchemaUpgradeContract {
    @Override
    protected JdbcSettings emptyDatabase() {
        return JdbcSettings.derbyInMemory("upgrade-" + UUID.randomUUID());
    }

    /** Tables, constraints and indexes of the current schema; Derby's own names for unnamed ones (SQL...) aside. */
    @Override
    protected List<String> schemaObjectNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        String schema = c.getSchema();
        for (String sql : List.of(
                "SELECT t.TABLENAME FROM SYS.SYSTABLES t JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = t.SCHEMAID "
                        + "WHERE s.SCHEMANAME = ? AND t.TABLETYPE = 'T'",
                "SELECT k.CONSTRAINTNAME FROM SYS.SYSCONSTRAINTS k JOIN SYS.SYSSCHEMAS s ON s.SCHEMAID = k.SCHEMAID "
                        + "WHERE s.SCHEMANAME = ?",
                "SELECT g.CONGLOMERATENAME FROM SYS.SYSCONGLOMERATES g JOIN SYS.SYSSCHEMAS s "
                        + "ON s.SCHEMAID = g.SCHEMAID WHERE s.SCHEMANAME = ? AND g.ISINDEX")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (!name.matches("SQL\\d.*")) {
                            names.add(name);
                        }
                    }
                }
            }
        }
        return names;
    }
}
