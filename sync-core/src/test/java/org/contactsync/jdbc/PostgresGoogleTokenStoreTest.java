package org.contactsync.jdbc;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.testkit.GoogleTokenStoreContract;
import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC store on PostgreSQL (only with CONTACTSYNC_PG_TESTS=1), in a throw-away schema. */
class PostgresGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private PostgresTestDatabase pg;
    private ContactSyncDatabase db;

    @BeforeEach
    void open() {
        pg = PostgresTestDatabase.createSchema("google");
        db = ContactSyncDatabase.open(pg.settings());
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
        return db.googleTokenStore();
    }

    @Override
    protected GoogleTokenStore store(String source) {
        return db.googleTokenStore(source);
    }
}
