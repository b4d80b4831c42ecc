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

    private BenchDatabase(Kind kind, ContactSyncDatabase db, Path derbyDir, String schema) {
        this.kind = kind;
        this.db = db;
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
