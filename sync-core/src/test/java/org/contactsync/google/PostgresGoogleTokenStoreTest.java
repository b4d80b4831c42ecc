package org.contactsync.google;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC store on PostgreSQL (only with CONTACTSYNC_PG_TESTS=1), in a throw-away schema. */
class PostgresGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private PostgresTestDatabase pg;
    private ContactSyncDatabase db;
    private JdbcGoogleTokenStore store;

    @BeforeEach
    void open() {
        pg = PostgresTestDatabase.createSchema("google");
        db = ContactSyncDatabase.open(pg.settings());
        store = new JdbcGoogleTokenStore(db.dataSource());
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected GoogleTokenStore store() {
        return store;
    }
}
