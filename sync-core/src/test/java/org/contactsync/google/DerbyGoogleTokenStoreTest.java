package org.contactsync.google;

import java.util.UUID;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC store on an in-memory Derby database migrated by Flyway (V1.. and V100). */
class DerbyGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private ContactSyncDatabase db;
    private JdbcGoogleTokenStore store;

    @BeforeEach
    void open() {
        db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("google-" + UUID.randomUUID()));
        store = new JdbcGoogleTokenStore(db.dataSource());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected GoogleTokenStore store() {
        return store;
    }
}
