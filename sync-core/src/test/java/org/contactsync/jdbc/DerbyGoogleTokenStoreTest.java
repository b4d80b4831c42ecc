package org.contactsync.jdbc;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.testkit.GoogleTokenStoreContract;
import org.contactsync.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store on an in-memory Derby database migrated by Flyway (every migration). */
class DerbyGoogleTokenStoreTest extends GoogleTokenStoreContract {
    @RegisterExtension
    final TestDatabase database = TestDatabase.derby("google");

    @Override
    protected GoogleTokenStore store() {
        return database.db().googleTokenStore();
    }

    @Override
    protected GoogleTokenStore store(String source) {
        return database.db().googleTokenStore(source);
    }
}
