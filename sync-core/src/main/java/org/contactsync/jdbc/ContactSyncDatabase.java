package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The ContactSync database, ready to use: a connection pool, the schema created or upgraded by Flyway, and the
 * stores built on it (contacts, runs, each run's changes, the Google account).
 *
 * <pre>{@code
 * try (ContactSyncDatabase db = ContactSyncDatabase.configure()
 *         .settings(JdbcSettings.derbyFile(dataDirectory))
 *         .load()) {
 *     SyncManager manager = SyncManager.builder()
 *         .contactStore(db.contactStore())
 *         .stateStore(db.syncStateStore())
 *         .changeLog(db.runChangeLog())
 *         ...
 * }
 * }</pre>
 *
 * {@link #close()} closes the pool and shuts an embedded Derby database down cleanly, so that an undeployed web app
 * leaves no open files or threads behind.
 */
public final class ContactSyncDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ContactSyncDatabase.class);
    /** Flyway's history table; prefixed like every ContactSync table so it can share a schema with others. */
    public static final String HISTORY_TABLE = "cs_schema_history";
    /** The history table's name before V101; a database that still has it gets it renamed before migrating. */
    static final String LEGACY_HISTORY_TABLE = "contactsync_schema_history";

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final JdbcSettings settings;
    private final Dialect dialect;
    private final boolean shutdownDerbyEngine;
    private final JdbcContactStore contactStore;
    private final JdbcSyncStateStore syncStateStore;
    private final JdbcGoogleTokenStore googleTokenStore;
    private final JdbcRunChangeLog runChangeLog;
    private final JdbcConfigEventLog configEventLog;
    private boolean closed;

    private ContactSyncDatabase(DataSource dataSource, HikariDataSource ownedPool, JdbcSettings settings,
                                Dialect dialect, boolean shutdownDerbyEngine) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.settings = settings;
        this.dialect = dialect;
        this.shutdownDerbyEngine = shutdownDerbyEngine;
        this.contactStore = new JdbcContactStore(dataSource, dialect);
        this.syncStateStore = new JdbcSyncStateStore(dataSource, dialect);
        this.googleTokenStore = new JdbcGoogleTokenStore(dataSource, dialect);
        this.runChangeLog = new JdbcRunChangeLog(dataSource, dialect);
        this.configEventLog = new JdbcConfigEventLog(dataSource, dialect);
    }

    public static Builder configure() {
        return new Builder();
    }

    /** Opens (creating or upgrading) the database described by {@code settings}. */
    public static ContactSyncDatabase open(JdbcSettings settings) {
        return configure().settings(settings).load();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    public JdbcContactStore contactStore() {
        return contactStore;
    }

    public JdbcSyncStateStore syncStateStore() {
        return syncStateStore;
    }

    /**
     * The connected Google account and pending connects of the source {@code default}, for
     * {@link org.contactsync.google.GoogleAccount}.
     */
    public JdbcGoogleTokenStore googleTokenStore() {
        return googleTokenStore;
    }

    /** Each sync run's list of changed contacts, for {@code SyncManager.Builder.changeLog}. */
    public JdbcRunChangeLog runChangeLog() {
        return runChangeLog;
    }

    /** The configuration changes shown in the timeline (table cs_config_events). */
    public JdbcConfigEventLog configEventLog() {
        return configEventLog;
    }

    /** The connected Google account and pending connects of the named source (each Google source has its own). */
    public JdbcGoogleTokenStore googleTokenStore(String source) {
        return googleTokenStore.source().equals(source) ? googleTokenStore
                : new JdbcGoogleTokenStore(dataSource, dialect, source);
    }

    /**
     * How many of this version's schema migrations the database has not applied (0: up to date), for health
     * checks. Reads the migration history, so it throws when the database cannot be reached.
     */
    public int pendingMigrations() {
        return Builder.flyway(dataSource, dialect, settings == null ? null : settings.schema(), false).info()
                .pending().length;
    }

    /**
     * Closes the pool this object created (not a DataSource the caller passed in) and shuts embedded Derby down:
     * a file database is closed cleanly, an in-memory one is dropped. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownedPool == null) {
            return;
        }
        ownedPool.close();
        if (dialect == Dialect.DERBY) {
            shutDownDerby();
        }
    }

    private void shutDownDerby() {
        String url = settings.url();
        int semicolon = url.indexOf(';');
        String database = url.substring("jdbc:derby:".length(), semicolon < 0 ? url.length() : semicolon);
        // In-memory databases are dropped: nothing else would free their memory.
        String attribute = database.startsWith("memory:") ? ";drop=true" : ";shutdown=true";
        derbyShutdown("jdbc:derby:" + database + attribute, "08006", "database " + database);
        if (shutdownDerbyEngine) {
            derbyShutdown("jdbc:derby:;shutdown=true", "XJ015", "the Derby engine");
        }
    }

    private void derbyShutdown(String url, String expectedState, String what) {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        try (Connection ignored = DriverManager.getConnection(url, props)) {
            log.warn("Derby did not report the shutdown of {}", what);
        } catch (SQLException e) {
            // Derby reports a successful shutdown as an exception with this SQLState.
            if (expectedState.equals(e.getSQLState())) {
                log.info("Shut down {}", what);
            } else {
                log.warn("Could not shut down {} cleanly: {}", what, DataAccessException.describe(e));
            }
        }
    }

    /** Flyway-like fluent configuration; {@link #load()} connects and migrates. */
    public static final class Builder {
        private JdbcSettings settings;
        private DataSource dataSource;
        private String poolName = "contactsync";
        private boolean migrate = true;
        private boolean shutdownDerbyEngine;

        private Builder() {
        }

        /** Connect with a pool built from these settings (the usual way). */
        public Builder settings(JdbcSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Use a DataSource the caller manages (e.g. from the container); it is not closed by {@link #close()}.
         * The dialect is read from its metadata. Migrations need two of its connections at once.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /** The pool's name in logs and JMX; give each pool in one JVM its own. */
        public Builder poolName(String poolName) {
            this.poolName = Objects.requireNonNull(poolName, "poolName");
            return this;
        }

        /** Whether to create/upgrade the schema on load (default true). */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Also shut down the whole embedded Derby engine on close (default false). A web app that bundles Derby
         * should set this, so undeploying it stops Derby's threads and unregisters its driver; leave it off when
         * other code in the JVM still uses Derby.
         */
        public Builder shutdownDerbyEngineOnClose(boolean shutdown) {
            this.shutdownDerbyEngine = shutdown;
            return this;
        }

        public ContactSyncDatabase load() {
            if ((settings == null) == (dataSource == null)) {
                throw new IllegalStateException("Configure either settings(...) or dataSource(...), not both or neither.");
            }
            HikariDataSource pool = settings != null ? DataSources.create(settings, poolName) : null;
            DataSource ds = pool != null ? pool : dataSource;
            try {
                Dialect dialect = detectDialect(ds);
                if (migrate && settings != null) {
                    // A pool of its own: Flyway holds one connection for its lock while it works on another, so a
                    // small application pool could wait for itself.
                    try (HikariDataSource migrationPool = DataSources.create(settings.withPoolSize(2),
                            poolName + "-migration")) {
                        migrate(migrationPool, dialect, settings.schema());
                    }
                } else if (migrate) {
                    migrate(ds, dialect, null);
                }
                return new ContactSyncDatabase(ds, pool, settings, dialect, shutdownDerbyEngine);
            } catch (RuntimeException e) {
                if (pool != null) {
                    pool.close();
                }
                throw e;
            }
        }

        private Dialect detectDialect(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                return settings != null ? settings.dialect() : Dialect.of(c);
            } catch (SQLException e) {
                String where = settings != null ? " at " + settings.redactedUrl() : "";
                throw new DataAccessException("Could not connect to the database" + where
                        + ". Check that it is running and that its URL, user and password are right", e);
            }
        }

        private static void migrate(DataSource ds, Dialect dialect, String schema) {
            renameLegacyHistoryTable(ds, dialect);
            try {
                MigrateResult result;
                try {
                    result = flyway(ds, dialect, schema, false).migrate();
                } catch (FlywayException e) {
                    if (e.getMessage() == null || !e.getMessage().contains("but no schema history table")) {
                        throw e;
                    }
                    // The schema already holds another application's tables. Baselining is only done in this
                    // case: always allowing it would make instances that start together on a new database race
                    // (one sees the other's still empty history table and refuses).
                    log.info("The database schema holds other tables; recording ContactSync's migrations next to "
                            + "them in {}", HISTORY_TABLE);
                    result = flyway(ds, dialect, schema, true).migrate();
                }
                if (result.migrationsExecuted > 0) {
                    log.info("Database schema upgraded to version {} ({} migrations)", result.targetSchemaVersion,
                            result.migrationsExecuted);
                }
            } catch (FlywayException e) {
                throw new IllegalStateException("Could not create or upgrade the ContactSync database schema: "
                        + e.getMessage(), e);
            }
        }

        /**
         * Renames Flyway's history table of a database created before V101 to {@link #HISTORY_TABLE}, so Flyway
         * finds its history (and then runs V101, which renames the other tables). On PostgreSQL every statement is
         * {@code IF EXISTS}: instances starting together take turns on the table's lock and the later ones find
         * nothing left to rename. Names are unqualified: the connection's schema is the one Flyway migrates.
         */
        private static void renameLegacyHistoryTable(DataSource ds, Dialect dialect) {
            String legacy = '"' + LEGACY_HISTORY_TABLE + '"';
            String current = '"' + HISTORY_TABLE + '"';
            try (Connection c = ds.getConnection()) {
                if (!tableExists(c, LEGACY_HISTORY_TABLE) || tableExists(c, HISTORY_TABLE)) {
                    return;
                }
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    if (dialect == Dialect.POSTGRESQL) {
                        st.execute("ALTER TABLE IF EXISTS " + legacy + " RENAME CONSTRAINT \""
                                + LEGACY_HISTORY_TABLE + "_pk\" TO \"" + HISTORY_TABLE + "_pk\"");
                        st.execute("ALTER INDEX IF EXISTS \"" + LEGACY_HISTORY_TABLE + "_s_idx\" RENAME TO \""
                                + HISTORY_TABLE + "_s_idx\"");
                        st.execute("ALTER TABLE IF EXISTS " + legacy + " RENAME TO " + current);
                    } else {
                        // Derby cannot rename a constraint: the (small) table's primary key is made again.
                        st.execute("ALTER TABLE " + legacy + " DROP CONSTRAINT \"" + LEGACY_HISTORY_TABLE + "_pk\"");
                        st.execute("RENAME TABLE " + legacy + " TO " + current);
                        st.execute("ALTER TABLE " + current + " ADD CONSTRAINT \"" + HISTORY_TABLE
                                + "_pk\" PRIMARY KEY (\"installed_rank\")");
                        st.execute("RENAME INDEX \"" + LEGACY_HISTORY_TABLE + "_s_idx\" TO \"" + HISTORY_TABLE
                                + "_s_idx\"");
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                }
                log.info("Renamed the migration history table {} to {}", LEGACY_HISTORY_TABLE, HISTORY_TABLE);
            } catch (SQLException e) {
                throw new DataAccessException("Could not rename the migration history table "
                        + LEGACY_HISTORY_TABLE + " to " + HISTORY_TABLE, e);
            }
        }

        /** Whether the connection's current schema has the table (none yet: false). */
        private static boolean tableExists(Connection c, String table) throws SQLException {
            String schema = c.getSchema();
            if (schema == null) {
                return false;
            }
            DatabaseMetaData meta = c.getMetaData();
            String escape = meta.getSearchStringEscape();
            try (ResultSet rs = meta.getTables(null, likeLiteral(schema, escape), likeLiteral(table, escape), null)) {
                return rs.next();
            }
        }

        private static String likeLiteral(String name, String escape) {
            return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
        }

        private static Flyway flyway(DataSource ds, Dialect dialect, String schema, boolean baseline) {
            var config = Flyway.configure(ContactSyncDatabase.class.getClassLoader())
                    .dataSource(ds)
                    .locations(dialect.migrationLocation())
                    .javaMigrations(new PhonesIntoContactRows())
                    .table(HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .baselineOnMigrate(baseline)
                    .baselineVersion("0");
            if (schema != null) {
                config = config.schemas(schema);
            }
            return config.load();
        }
    }
}
