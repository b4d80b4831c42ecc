package org.contactsync.jdbc;

import org.contactsync.audit.ConfigEventLog;
import org.contactsync.testkit.ConfigEventLogContract;
import org.contactsync.testkit.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JDBC log on an in-memory Derby database migrated by Flyway (every migration). */
class DerbyConfigEventLogTest extends ConfigEventLogContract {
    @RegisterExtension
    final TestDatabase database = TestDatabase.derby("config-events");

    @Override
    protected ConfigEventLog log() {
        return database.db().configEventLog();
    }
}
