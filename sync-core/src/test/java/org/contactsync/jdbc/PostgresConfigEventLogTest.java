package org.contactsync.jdbc;

import org.contactsync.audit.ConfigEventLog;
import org.contactsync.testkit.ConfigEventLogContract;
import org.contactsync.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC log on PostgreSQL (only with CONTACTSYNC_PG_TESTS=1), in a throw-away schema. */
class PostgresConfigEventLogTest extends ConfigEventLogContract {
    @RegisterExtension
    final TestDatabase database = TestDatabase.postgres("config_events");

    @Override
    protected ConfigEventLog log() {
        return database.db().configEventLog();
    }
}
