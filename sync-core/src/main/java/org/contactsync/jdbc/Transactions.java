package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs units of work in one transaction each, retrying the ones the database aborted to resolve a conflict. */
final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);
    private static final int ATTEMPTS = 6;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** In a READ COMMITTED transaction; retried on deadlock or serialization failure. */
    <T> T write(String what, Work<T> work) {
        return run(what, Connection.TRANSACTION_READ_COMMITTED, work);
    }

    /** In a READ COMMITTED transaction, retried like {@link #write}. */
    <T> T read(String what, Work<T> work) {
        return run(what, Connection.TRANSACTION_READ_COMMITTED, work);
    }

    /**
     * In a transaction of {@code isolation}. READ COMMITTED is both databases' default, so it is not set: on
     * PostgreSQL setting it costs a round trip and the pool another one to reset it (measured: 8 % of a full
     * sync's writer time). A connection left at a stricter level by a pool that does not reset it is still correct,
     * and its conflicts are retried.
     */
    <T> T run(String what, int isolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(isolation);
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            } catch (SQLException e) {
                if (attempt < ATTEMPTS && isTransient(e)) {
                    log.warn("Retrying '{}' (attempt {} of {}): the database aborted it to resolve a conflict ({})",
                            what, attempt + 1, ATTEMPTS, DataAccessException.describe(e));
                    backOff(attempt);
                    continue;
                }
                throw new DataAccessException("Could not " + what, e);
            }
        }
    }

    /**
     * One statement's work without a transaction around it (autocommit): one statement reads a consistent
     * snapshot on PostgreSQL by itself, and saves the BEGIN and COMMIT round trips. Not retried: a single read, or a
     * single-row UPDATE at READ COMMITTED, is not aborted to resolve a conflict.
     */
    <T> T single(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("Could not " + what, e);
        }
    }

    /**
     * For an insert that lost a race with another transaction inserting the same key: a unique violation becomes a
     * serialization failure, so {@link #run} retries the work, which then sees the other row. Anything else is
     * returned as it was.
     */
    static SQLException retryOnDuplicateKey(SQLException e, String what) {
        return "23505".equals(e.getSQLState()) ? new SQLException(what, "40001", e) : e;
    }

    /** Deadlock or serialization failure: the work can simply be run again. */
    static boolean isTransient(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        long millis = ThreadLocalRandom.current().nextLong(5, 20L << attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a database transaction", e);
        }
    }
}
