package org.contactsync.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database: a JDBC URL plus pool settings. Embedded Derby is the default (one instance, no server
 * to run); PostgreSQL lets several instances share one database.
 *
 * @param url               {@code jdbc:derby:...} or {@code jdbc:postgresql://...}
 * @param user              database user, or null (embedded Derby needs none)
 * @param password          database password, or null; never shown by {@link #toString()}
 * @param maximumPoolSize   most connections the pool opens (1..200)
 * @param connectionTimeout how long a caller waits for a free connection before failing
 * @param schema            the schema the tables live in (PostgreSQL), or null for the user's default schema
 */
public record JdbcSettings(String url, String user, String password, int maximumPoolSize,
                           Duration connectionTimeout, String schema) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    public JdbcSettings {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The database URL is missing. Use jdbc:derby:<directory>/contactsync;"
                    + "create=true for the embedded database or jdbc:postgresql://host:5432/<database>.");
        }
        url = url.strip();
        Dialect.fromUrl(url); // fails with a message naming the supported databases
        user = blankToNull(user);
        password = password == null || password.isEmpty() ? null : password;
        if (maximumPoolSize < 1 || maximumPoolSize > 200) {
            throw new IllegalArgumentException(
                    "The database pool size must be between 1 and 200, was " + maximumPoolSize + ".");
        }
        connectionTimeout = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("The database connection timeout must be at least 250 ms, was "
                    + connectionTimeout + ".");
        }
        schema = blankToNull(schema);
        if (schema != null && !schema.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("The database schema name '" + schema
                    + "' is not a plain identifier: use letters, digits and underscores only.");
        }
    }

    /** With the default pool size and timeout. */
    public JdbcSettings(String url, String user, String password) {
        this(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, null);
    }

    /** The embedded Derby database {@code contactsync} in {@code dataDirectory}, created on first use. */
    public static JdbcSettings derbyFile(Path dataDirectory) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        String dir = dataDirectory.toAbsolutePath().normalize().resolve("contactsync").toString();
        if (dir.contains(";")) {
            throw new IllegalArgumentException("The data directory '" + dataDirectory
                    + "' contains a ';', which Derby URLs cannot hold. Choose a directory without one.");
        }
        return new JdbcSettings("jdbc:derby:" + dir + ";create=true", null, null, 5, DEFAULT_CONNECTION_TIMEOUT, null);
    }

    /** A Derby database that lives in memory only (tests, demos); it is dropped when its database is closed. */
    public static JdbcSettings derbyInMemory(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("An in-memory Derby database name must use letters, digits, '.', '_' "
                    + "or '-' only, was '" + name + "'.");
        }
        return new JdbcSettings("jdbc:derby:memory:" + name + ";create=true", null, null, 5,
                DEFAULT_CONNECTION_TIMEOUT, null);
    }

    /** A PostgreSQL database, e.g. {@code jdbc:postgresql://db.example:5432/contactsync}. */
    public static JdbcSettings postgresql(String url, String user, String password) {
        JdbcSettings s = new JdbcSettings(url, user, password);
        if (s.dialect() != Dialect.POSTGRESQL) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: " + url
                    + ". It should look like jdbc:postgresql://host:5432/database.");
        }
        return s;
    }

    public JdbcSettings withPoolSize(int size) {
        return new JdbcSettings(url, user, password, size, connectionTimeout, schema);
    }

    public JdbcSettings withConnectionTimeout(Duration timeout) {
        return new JdbcSettings(url, user, password, maximumPoolSize, timeout, schema);
    }

    public JdbcSettings withSchema(String newSchema) {
        return new JdbcSettings(url, user, password, maximumPoolSize, connectionTimeout, newSchema);
    }

    public Dialect dialect() {
        return Dialect.fromUrl(url);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "JdbcSettings[url=" + redactedUrl() + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", maximumPoolSize=" + maximumPoolSize + ", connectionTimeout=" + connectionTimeout
                + ", schema=" + schema + "]";
    }

    /** The URL with any password parameter masked, for logs and messages. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
