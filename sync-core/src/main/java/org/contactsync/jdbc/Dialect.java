package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;

/** The databases ContactSync runs on, and the few things that differ between them. */
public enum Dialect {
    /** Embedded Apache Derby: one instance, a file database under the data directory (or in memory). */
    DERBY("derby", "org.apache.derby.iapi.jdbc.AutoloadedDriver"),
    /** PostgreSQL: several instances may share one database. */
    POSTGRESQL("postgresql", "org.postgresql.Driver");

    private final String folder;
    private final String driverClassName;

    Dialect(String folder, String driverClassName) {
        this.folder = folder;
        this.driverClassName = driverClassName;
    }

    public static Dialect fromUrl(String jdbcUrl) {
        String u = jdbcUrl == null ? "" : jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:derby:")) {
            if (u.startsWith("jdbc:derby://")) {
                throw new IllegalArgumentException("The Derby network client (" + jdbcUrl + ") is not supported: "
                        + "use embedded Derby (jdbc:derby:<directory>) for one instance, or PostgreSQL for several.");
            }
            return DERBY;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database URL '" + jdbcUrl + "': ContactSync runs on embedded "
                + "Derby (jdbc:derby:<directory>/contactsync;create=true) or PostgreSQL "
                + "(jdbc:postgresql://host:5432/<database>).");
    }

    /** From a live connection's metadata, for a DataSource the caller built. */
    public static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("derby")) {
            return DERBY;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database '" + connection.getMetaData().getDatabaseProductName()
                + "': ContactSync runs on Apache Derby or PostgreSQL.");
    }

    /** Flyway location of this dialect's migrations. */
    public String migrationLocation() {
        return "classpath:db/migration/" + folder;
    }

    public String driverClassName() {
        return driverClassName;
    }

    /**
     * The database clock. PostgreSQL's {@code clock_timestamp()} is shared by every instance on the database, so
     * leases never depend on the app servers' clocks. Embedded Derby runs inside this JVM, so its clock is this
     * JVM's clock; it is read as an Instant because Derby's CURRENT_TIMESTAMP is local time, ambiguous when
     * daylight saving time ends.
     */
    Instant now(Connection c) throws SQLException {
        if (this == DERBY) {
            return Instant.now();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        }
    }

    /** Stores an instant as UTC (PostgreSQL: timestamptz; Derby: a TIMESTAMP holding UTC wall-clock time). */
    void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, this == POSTGRESQL ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
        } else if (this == POSTGRESQL) {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            ps.setTimestamp(index, Timestamp.from(instant), utc());
        }
    }

    Instant getInstant(ResultSet rs, String column) throws SQLException {
        if (this == POSTGRESQL) {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }
        Timestamp t = rs.getTimestamp(column, utc());
        return t == null ? null : t.toInstant();
    }

    private static Calendar utc() {
        // A fresh one each time: Calendar is mutable and drivers may write to it.
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
    }
}
