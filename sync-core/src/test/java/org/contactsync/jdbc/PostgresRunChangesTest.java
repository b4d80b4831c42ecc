package org.contactsync.jdbc;

import org.contactsync.testkit.PostgresTestDatabase;

class PostgresRunChangesTest extends JdbcRunChangesContract {
    private PostgresTestDatabase pg;

    @Override
    protected JdbcSettings settings() {
        pg = PostgresTestDatabase.createSchema("changes");
        return pg.settings();
    }

    @Override
    protected void release() {
        if (pg != null) {
            pg.close();
        }
    }
}
