package org.contactsync.testkit;

import java.util.UUID;
import java.util.function.Supplier;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A freshly migrated ContactSync database for each test, closed after it: in-memory Derby, or a throw-away schema
 * on the test PostgreSQL (which skips or fails as {@link PostgresTestDatabase} says). Register it with
 * {@code @RegisterExtension final TestDatabase database = TestDatabase.derby("events");}.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<PostgresTestDatabase> schema;
    private final String derbyName;
    private PostgresTestDatabase pg;
    private ContactSyncDatabase db;

    private TestDatabase(Supplier<PostgresTestDatabase> schema, String derbyName) {
        this.schema = schema;
        this.derbyName = derbyName;
    }

    /** An in-memory Derby database with a name of its own for each test. */
    public static TestDatabase derby(String label) {
        return new TestDatabase(null, label);
    }

    /** A throw-away PostgreSQL schema for each test. */
    public static TestDatabase postgres(String label) {
        return new TestDatabase(() -> PostgresTestDatabase.createSchema(label), null);
    }

    public ContactSyncDatabase db() {
        if (db == null) {
            throw new IllegalStateException("The test database is opened before each test; use it in a test.");
        }
        return db;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (schema != null) {
            pg = schema.get();
            db = ContactSyncDatabase.open(pg.settings());
        } else {
            db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory(derbyName + "-" + UUID.randomUUID()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            db = null;
            if (pg != null) {
                pg.close();
                pg = null;
            }
        }
    }
}
