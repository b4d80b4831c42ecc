package org.contactsync.jdbc;

import java.util.UUID;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.testkit.GoogleTokenStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC store on an in-memory Derby database migrated by Flyway (every migration). */
class DerbyGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private ContactSyncDatabase db;

    @BeforeEach
    void open() {
        db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("google-" + UUID.randomUUID()));
    }

    @AfterEach
    void close() {
        db.close();
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
