package org.contactsync.health;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The readiness checks ContactSync ships. Each message is a sentence for people; causes go to the log. */
public final class HealthChecks {
    private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);
    /** How long a probe waits for the database to answer a validity check. */
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private HealthChecks() {
    }

    /** The database answers (a pooled connection that passes {@link Connection#isValid}). */
    public static HealthCheck database(ContactSyncDatabase db) {
        return database(db.dataSource());
    }

    public static HealthCheck database(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return () -> {
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid(VALID_TIMEOUT_SECONDS)) {
                    return CheckResult.up("The database answers.");
                }
                log.warn("Health check: the database connection did not pass its validity check");
            } catch (SQLException | RuntimeException e) {
                log.warn("Health check: the database cannot be reached: {}", e.toString());
            }
            return CheckResult.down("The database cannot be reached. Check that it is running and that this server "
                    + "can connect to it; the server log has the details.");
        };
    }

    /** Every schema migration of this version has been applied. */
    public static HealthCheck schema(ContactSyncDatabase db) {
        return schema(db::pendingMigrations);
    }

    /** @param pendingMigrations how many migrations are still to apply; may throw when the database is down */
    public static HealthCheck schema(IntSupplier pendingMigrations) {
        Objects.requireNonNull(pendingMigrations, "pendingMigrations");
        return () -> {
            int pending;
            try {
                pending = pendingMigrations.getAsInt();
            } catch (RuntimeException e) {
                log.warn("Health check: could not read the schema history: {}", e.toString());
                return CheckResult.down("The database schema version cannot be read (is the database reachable?).");
            }
            return pending == 0 ? CheckResult.up("The database schema is up to date.")
                    : CheckResult.down("The database schema is " + pending + " migration" + (pending == 1 ? "" : "s")
                    + " behind this version. Restart the application so it can upgrade the schema.");
        };
    }

    /**
     * The phone directory has a snapshot to serve. Asking for it builds the first one, so the probe also warms it.
     *
     * @param snapshot returns the current snapshot (non-null), or throws when none can be built
     */
    public static HealthCheck directory(Supplier<?> snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return () -> {
            try {
                if (snapshot.get() != null) {
                    return CheckResult.up("The phone directory is loaded.");
                }
            } catch (RuntimeException e) {
                log.warn("Health check: the phone directory could not be loaded: {}", e.toString());
            }
            return CheckResult.down("The phone directory could not be loaded from the contact store yet. Check the "
                    + "database; the server log has the details.");
        };
    }

    /** STALE when no sync completed for longer than the freshness' threshold (see {@link SyncFreshness}). */
    public static HealthCheck syncFreshness(SyncFreshness freshness) {
        Objects.requireNonNull(freshness, "freshness");
        return () -> {
            SyncFreshness.Freshness f;
            try {
                f = freshness.now();
            } catch (RuntimeException e) {
                log.warn("Health check: could not read the sync history: {}", e.toString());
                return CheckResult.down("The sync history cannot be read (is the database reachable?).");
            }
            return new CheckResult(f.stale() ? HealthStatus.STALE : HealthStatus.UP, f.message());
        };
    }
}
