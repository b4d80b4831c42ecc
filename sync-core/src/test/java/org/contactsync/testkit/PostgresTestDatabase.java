package org.contactsync.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.contactsync.jdbc.JdbcSettings;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away schema on the test PostgreSQL, for one test class. PostgreSQL tests run only when the environment
 * variable {@value #ENV} is {@code 1}: unset, {@link #createSchema} skips the calling tests; set, it fails with a
 * clear message when PostgreSQL is not reachable. Each schema has a random name, so parallel and repeated runs do
 * not see each other's data; {@link #close()} drops it.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String ENV = "CONTACTSYNC_PG_TESTS";
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String schema;

    private PostgresTestDatabase(String schema) {
        this.schema = schema;
    }

    /** Whether PostgreSQL tests are switched on ({@value #ENV}=1). */
    public static boolean enabled() {
        String value = System.getenv(ENV);
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    /**
     * A new empty schema named after {@code label}. Skips the caller (JUnit assumption) unless PostgreSQL tests are
     * on; throws an AssertionError that says what to do if they are on and PostgreSQL cannot be reached.
     */
    public static PostgresTestDatabase createSchema(String label) {
        Assumptions.assumeTrue(enabled(), "PostgreSQL tests are off; set " + ENV + "=1 to run them against " + URL);
        String schema = ("cs_" + label.replaceAll("[^A-Za-z0-9]", "_") + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        if (schema.length() > 60) {
            schema = schema.substring(schema.length() - 60);
            schema = "cs_" + schema.substring(3);
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError(ENV + "=1 but PostgreSQL at " + URL + " (user " + USER + ", no password) "
                    + "is not usable: " + e.getMessage() + ". Start PostgreSQL (see DEVELOPERS.md) or unset " + ENV
                    + " to skip the PostgreSQL tests.", e);
        }
        return new PostgresTestDatabase(schema);
    }

    public String schema() {
        return schema;
    }

    /** Settings for a pool whose connections use this schema, named so tests can find them in pg_stat_activity. */
    public JdbcSettings settings() {
        return JdbcSettings.postgresql(URL + "?ApplicationName=" + applicationName() + "&connectTimeout=5", USER,
                null).withSchema(schema).withPoolSize(8);
    }

    /** The application_name every connection from {@link #settings()} reports. */
    public String applicationName() {
        return "contactsync-test-" + schema;
    }

    /** A plain connection (outside any pool), with this schema as its search path. */
    public Connection open() throws SQLException {
        Connection c = connect();
        c.setSchema(schema);
        return c;
    }

    private static Connection connect() throws SQLException {
        DriverManager.setLoginTimeout(5);
        return DriverManager.getConnection(URL, USER, null);
    }

    @Override
    public void close() {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("Could not drop the test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
