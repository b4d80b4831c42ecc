package org.contactsync.jdbc;

import java.util.UUID;

import org.contactsync.audit.ConfigEventLog;
import org.contactsync.testkit.ConfigEventLogContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC log on an in-memory Derby database migrated by Flyway (every migration). */
class DerbyConfigEventLogTest extends ConfigEventLogContract {
    private ContactSyncDatabase db;

    @BeforeEach
    void open() {
        db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("config-events-" + UUID.randomUUID()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Override
    protected ConfigEventLog log() {
        return db.configEventLog();
    }
}
