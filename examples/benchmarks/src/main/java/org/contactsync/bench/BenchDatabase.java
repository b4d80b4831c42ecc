package org.contactsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.google.GoogleTokenStore;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.SyncStateStore;

/**
 * Fresh, empty ContactSync stores for one benchmark: embedded Derby in a new directory (as the WAR uses by
 * default), a new schema on the local PostgreSQL, or the in-memory stores (to tell the source's cost from the
 * database's). {@link #close()} closes them and removes their data.
 */
final class BenchDatabase implements AutoCloseable {
    /** The local PostgreSQL of this machine (trust authentication); the benchmark never contacts another host. */
    static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRES_USER = "postgres";

    enum Kind {
        DERBY, POSTGRESQL, MEMORY;

        static Kind parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "derby" -> DERBY;
                case "postgresql", "postgres", "pg" -> POSTGRESQL;
                case "memory" -> MEMORY;
                default -> throw new IllegalArgumentException("unknown database '" + s
                        + "': use derby, postgresql or memory");
            };
        }

        String label() {
            return switch (this) {
                case DERBY -> "Derby (embedded, file)";
                case POSTGRESQL -> "PostgreSQL 127.0.0.1";
                case MEMORY -> "in-memory stores";
            };
        }
    }

    private final Kind kind;
    private final ContactSyncDatabase db;
    private final Path derbyDir;
    private final String schema;

    private final ContactStore contactStore;
    private final SyncStateStore stateStore;
    private final GoogleTokenStore tokenStore;

    /** Whether {@link #close()} leaves the database open (the long-lived Derby of {@link Databases}). */
    private final boolean borrowed;

    private BenchDatabase(Kind kind, ContactSyncDatabase db, Path derbyDir, String schema) {
        this(kind, db, derbyDir, schema, false);
    }

    private BenchDatabase(Kind kind, ContactSyncDatabase db, Path derbyDir, String schema, boolean borrowed) {
        this.kind = kind;
        this.db = db;
        this.borrowed = borrowed;
        this.derbyDir = derbyDir;
        this.schema = schema;
        this.contactStore = db == null ? new InMemoryContactStore() : db.contactStore();
        this.stateStore = db == null ? new InMemorySyncStateStore() : db.syncStateStore();
        this.tokenStore = db == null ? new InMemoryGoogleTokenStore() : db.googleTokenStore();
    }

    static BenchDatabase open(Kind kind, Path workDir, String label) {
        if (kind == Kind.MEMORY) {
            return new BenchDatabase(kind, null, null, null);
        }
        if (kind == Kind.DERBY) {
            try {
                Path dir = Files.createTempDirectory(workDir, "derby-" + label + "-");
                return new BenchDatabase(kind, ContactSyncDatabase.configure().settings(JdbcSettings.derbyFile(dir))
                        .poolName("bench-" + label).load(), dir, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String schema = ("bench_" + label + "_" + Long.toString(System.nanoTime(), 36))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        execute("CREATE SCHEMA " + schema);
        JdbcSettings settings = JdbcSettings.postgresql(POSTGRES_URL + "?ApplicationName=contactsync-bench",
                POSTGRES_USER, null).withSchema(schema);
        return new BenchDatabase(kind, ContactSyncDatabase.configure().settings(settings).poolName("bench-" + label)
                .load(), null, schema);
    }

    /**
     * The databases of one benchmark JVM: a new PostgreSQL schema per run, and one embedded Derby database for all
     * the Derby runs of one part, emptied before each, as a server's database lives on between its syncs. A new Derby
     * database per run made Derby compile its statements into new classes each time, and each set of new classes
     * made the JIT throw away and compile again Derby's engine code that had assumed the old ones (measured: the
     * C2 compiler busy for 0.6–0.9 s of each 1 s full sync of 10,000 contacts, still after six warm-up runs).
     */
    static final class Databases implements Opener, AutoCloseable {
        private static final String[] TABLES = {"cs_run_change_totals", "cs_run_changes", "cs_run_sources",
            "cs_sync_runs", "cs_sync_cursors"};
        private final Path workDir;
        private Path derbyDir;
        private ContactSyncDatabase derby;

        Databases(Path workDir) {
            this.workDir = workDir;
        }

        @Override
        public BenchDatabase open(Kind kind, String label) {
            return kind == Kind.DERBY ? emptiedDerby() : BenchDatabase.open(kind, workDir, label);
        }

        /**
         * Closes the long-lived Derby database and the engine (before other databases are measured: its page cache
         * is heap), then loads the engine again for the Derby databases of later parts, as Derby documents:
         * after an engine shutdown its driver accepts no URL until {@code EmbeddedDriver} is instantiated.
         */
        void closeDerby() {
            if (derby != null) {
                new BenchDatabase(Kind.DERBY, derby, derbyDir, null).close();
                derby = null;
                try {
                    Class.forName("org.apache.derby.jdbc.EmbeddedDriver").getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("could not load Derby's engine again after its shutdown", e);
                }
            }
        }

        @Override
        public void close() {
            closeDerby();
        }

        /** The database with no contacts and no runs (TRUNCATE: the contacts table starts over, as when new). */
        private BenchDatabase emptiedDerby() {
            if (derby == null) {
                try {
                    derbyDir = Files.createTempDirectory(workDir, "derby-long-lived-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                // Shutting down the engine on close frees its page cache, which outlives a database's shutdown
                // (measured: 46 MB of a 128 MB heap still held by Derby's cache during the PostgreSQL runs).
                derby = ContactSyncDatabase.configure().settings(JdbcSettings.derbyFile(derbyDir))
                        .poolName("bench-derby").shutdownDerbyEngineOnClose(true).load();
                dropForExperiment(derby);
            }
            try (Connection c = derby.dataSource().getConnection(); Statement st = c.createStatement()) {
                for (String table : TABLES) {
                    st.executeUpdate("DELETE FROM " + table);
                }
                st.execute("TRUNCATE TABLE cs_contacts");
            } catch (SQLException e) {
                throw new IllegalStateException("could not empty the benchmark's Derby database", e);
            }
            return new BenchDatabase(Kind.DERBY, derby, null, null, true);
        }
    }

    /**
     * An experiment, never a result of the app: {@code -Dbench.derby.without=name,unique} drops the contacts table's
     * name index and/or its (source id, source) unique key from the benchmark's Derby database, to weigh what each
     * costs a write. Without the unique key a contact reported twice is stored twice.
     */
    private static void dropForExperiment(ContactSyncDatabase db) {
        String without = System.getProperty("bench.derby.without", "");
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String what : without.split(",")) {
                switch (what.strip()) {
                    case "" -> { }
                    case "name" -> st.execute("DROP INDEX cs_contacts_name_folded_ix");
                    case "unique" -> st.execute("ALTER TABLE cs_contacts DROP CONSTRAINT cs_contacts_source_uq");
                    default -> throw new IllegalArgumentException("bench.derby.without: unknown '" + what
                            + "'; use name, unique or both");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + without + " from the benchmark's Derby database", e);
        }
    }

    /** Where a benchmark gets an empty database of a kind for each run. */
    @FunctionalInterface
    interface Opener {
        BenchDatabase open(Kind kind, String label);
    }

    /** Whether the local PostgreSQL answers. */
    static boolean postgresAvailable() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL + "?connectTimeout=2", POSTGRES_USER, null)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    Kind kind() {
        return kind;
    }

    ContactStore contactStore() {
        return contactStore;
    }

    SyncStateStore stateStore() {
        return stateStore;
    }

    GoogleTokenStore tokenStore() {
        return tokenStore;
    }

    @Override
    public void close() {
        if (borrowed) {
            return;
        }
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
        if (derbyDir != null) {
            try (Stream<Path> files = Files.walk(derbyDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + derbyDir + ": " + e);
            }
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, null);
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRES_URL + " (user " + POSTGRES_USER
                    + "): " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
