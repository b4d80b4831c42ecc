package org.contactsync.jdbc;

import org.contactsync.testkit.RunChangesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** The run-changes contract on the database stores of one {@link ContactSyncDatabase}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcRunChangesContract extends RunChangesContract {
    private ContactSyncDatabase db;

    /** Settings of a fresh database (or schema) for this test class. */
    protected abstract JdbcSettings settings();

    /** Called after the database was closed. */
    protected void release() {
    }

    @BeforeAll
    void openDatabase() {
        db = ContactSyncDatabase.configure().settings(settings()).poolName(getClass().getSimpleName()).load();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        release();
    }

    @Override
    protected Stores newEmptyStores() {
        JdbcTestTables.clear(db.dataSource());
        return new Stores(db.syncStateStore(), db.contactStore(), db.runChangeLog());
    }
}
