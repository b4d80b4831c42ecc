package org.contactsync.jdbc;

import org.contactsync.testkit.PostgresTestDatabase;

class PostgresContactStoreTest extends JdbcContactStoreContract {
    private PostgresTestDatabase pg;

    @Override
    protected JdbcSettings settings() {
        pg = PostgresTestDatabase.createSchema("contacts");
        return pg.settings();
    }

    @Override
    protected void release() {
        if (pg != null) {
            pg.close();
        }
    }
}
