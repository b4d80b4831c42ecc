package org.contactsync.jdbc;

import org.contactsync.audit.ConfigEventLog;
import org.contactsync.testkit.ConfigEventLogContract;
import org.contactsync.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JDBC log on PostgreSQL (only with CONTACTSYNC_PG_TESTS=1), in a throw-away schema. */
class PostgresConfigEventLogTest extends ConfigEventLogContract {
    private PostgresTestDatabase pg;
    private ContactSyncDatabase db;

    @BeforeEach
    void open() {
        pg = PostgresTestDatabase.createSchema("config_events");
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
    protected ConfigEventLog log() {
        return db.configEventLog();
    }
}
