package org.contactsync.jdbc;

import java.sql.SQLException;

/**
 * A database operation of a JDBC store failed. The {@link SQLException} is the cause, so callers (and the sync's
 * user-facing messages) can recognise a database problem.
 */
public class DataAccessException extends RuntimeException {
    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + describe(cause), cause);
    }

    static String describe(SQLException e) {
        return e.getMessage() + " (SQLState " + e.getSQLState() + ")";
    }
}
