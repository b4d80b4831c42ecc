package org.contactsync.google;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Calendar;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

import javax.sql.DataSource;

/**
 * {@link GoogleTokenStore} in the database (tables of migration V100, Derby or PostgreSQL). Shared by every node that
 * uses the same database, so a connect started on one node can finish on another.
 */
public final class JdbcGoogleTokenStore implements GoogleTokenStore {
    private static final String ROW_ID = "default";

    private final DataSource dataSource;

    public JdbcGoogleTokenStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public Optional<StoredGoogleToken> load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT encrypted_refresh_token, account_email, connected_at "
                     + "FROM cs_google_credential WHERE id = ?")) {
            ps.setString(1, ROW_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredGoogleToken(rs.getString(1), rs.getString(2),
                        rs.getTimestamp(3, utc()).toInstant()));
            }
        } catch (SQLException e) {
            throw failure("read the connected Google account", e);
        }
    }

    @Override
    public void save(StoredGoogleToken token) {
        inTransaction("save the connected Google account", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM cs_google_credential WHERE id = ?")) {
                del.setString(1, ROW_ID);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO cs_google_credential "
                    + "(id, encrypted_refresh_token, account_email, connected_at) VALUES (?, ?, ?, ?)")) {
                ins.setString(1, ROW_ID);
                ins.setString(2, token.encryptedRefreshToken());
                ins.setString(3, token.accountEmail());
                ins.setTimestamp(4, Timestamp.from(token.connectedAt()), utc());
                ins.executeUpdate();
            }
        });
    }

    @Override
    public void clear() {
        inTransaction("remove the connected Google account", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM cs_google_credential WHERE id = ?")) {
                del.setString(1, ROW_ID);
                del.executeUpdate();
            }
        });
    }

    @Override
    public void savePendingState(String stateHash, Instant expiresAt) {
        inTransaction("save the Google connect request", c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM cs_google_oauth_state WHERE expires_at < ?")) {
                del.setTimestamp(1, Timestamp.from(Instant.now()), utc());
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO cs_google_oauth_state (state_hash, expires_at) VALUES (?, ?)")) {
                ins.setString(1, stateHash);
                ins.setTimestamp(2, Timestamp.from(expiresAt), utc());
                ins.executeUpdate();
            }
        });
    }

    @Override
    public boolean consumePendingState(String stateHash, Instant now) {
        boolean[] valid = {false};
        inTransaction("check the Google connect request", c -> {
            Instant expires = null;
            try (PreparedStatement sel = c.prepareStatement(
                    "SELECT expires_at FROM cs_google_oauth_state WHERE state_hash = ?")) {
                sel.setString(1, stateHash);
                try (ResultSet rs = sel.executeQuery()) {
                    if (rs.next()) {
                        expires = rs.getTimestamp(1, utc()).toInstant();
                    }
                }
            }
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM cs_google_oauth_state WHERE state_hash = ?")) {
                del.setString(1, stateHash);
                // Only the caller whose DELETE removed the row may use the state: single use across nodes too.
                valid[0] = del.executeUpdate() == 1 && expires != null && expires.isAfter(now);
            }
        });
        return valid[0];
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String what, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Could not " + what + " in the database (table cs_google_credential, "
                + "migration V100): " + e.getMessage(), e);
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }
}
