package org.contactsync.jdbc;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.testkit.GoogleTokenStoreContract;
import org.contactsync.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC store on PostgreSQL (only with CONTACTSYNC_PG_TESTS=1), in a throw-away schema. */
class PostgresGoogleTokenStoreTest extends GoogleTokenStoreContract {
    @RegisterExtension
    final TestDatabase database = TestDatabase.postgres("google");

    @Override
    protected GoogleTokenStore store() {
        return database.db().googleTokenStore();
    }

    @Override
    protected GoogleTokenStore store(String source) {
        return database.db().googleTokenStore(source);
    }
}
