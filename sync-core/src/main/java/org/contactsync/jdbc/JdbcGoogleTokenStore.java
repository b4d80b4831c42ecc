package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.google.StoredGoogleToken;

/**
 * {@link GoogleTokenStore} in the database (tables {@code cs_google_credential} and {@code cs_google_oauth_state}).
 * Shared by every node that uses the same database, so a connect started on one node can finish on another. Like
 * the other JDBC stores: one retried transaction per call, instants through the {@link Dialect}, failures as
 * {@link DataAccessException}.
 */
public final class JdbcGoogleTokenStore implements GoogleTokenStore {
    private static final String ROW_ID = "default";

    private final Dialect dialect;
    private final Transactions transactions;

    public JdbcGoogleTokenStore(DataSource dataSource, Dialect dialect) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Optional<StoredGoogleToken> load() {
        return transactions.read("read the connected Google account", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT encrypted_refresh_token, account_email, "
                    + "connected_at FROM cs_google_credential WHERE id = ?")) {
                ps.setString(1, ROW_ID);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<StoredGoogleToken>empty();
                    }
                    return Optional.of(new StoredGoogleToken(rs.getString("encrypted_refresh_token"),
                            rs.getString("account_email"), dialect.getInstant(rs, "connected_at")));
                }
            }
        });
    }

    @Override
    public void save(StoredGoogleToken token) {
        Objects.requireNonNull(token, "token");
        transactions.write("save the connected Google account", c -> {
            deleteWhere(c, "DELETE FROM cs_google_credential WHERE id = ?", ROW_ID);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_google_credential "
                    + "(id, encrypted_refresh_token, account_email, connected_at) VALUES (?, ?, ?, ?)")) {
                Columns.bindAll(ps, List.of(ROW_ID, token.encryptedRefreshToken()));
                Columns.bind(ps, 3, token.accountEmail());
                dialect.setInstant(ps, 4, token.connectedAt());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw Transactions.retryOnDuplicateKey(e, "the Google account was saved concurrently");
            }
            return null;
        });
    }

    @Override
    public void clear() {
        transactions.write("remove the connected Google account",
                c -> deleteWhere(c, "DELETE FROM cs_google_credential WHERE id = ?", ROW_ID));
    }

    @Override
    public void savePendingState(String stateHash, Instant expiresAt) {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        transactions.write("save the Google connect request", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM cs_google_oauth_state WHERE expires_at < ?")) {
                dialect.setInstant(ps, 1, dialect.now(c));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO cs_google_oauth_state (state_hash, expires_at) VALUES (?, ?)")) {
                ps.setString(1, stateHash);
                dialect.setInstant(ps, 2, expiresAt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean consumePendingState(String stateHash, Instant now) {
        Objects.requireNonNull(now, "now");
        if (stateHash == null) {
            return false;
        }
        return transactions.write("check the Google connect request", c -> {
            Instant expires = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT expires_at FROM cs_google_oauth_state WHERE state_hash = ?")) {
                ps.setString(1, stateHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        expires = dialect.getInstant(rs, "expires_at");
                    }
                }
            }
            // Only the caller whose DELETE removed the row may use the state: single use across nodes too.
            int deleted = deleteWhere(c, "DELETE FROM cs_google_oauth_state WHERE state_hash = ?", stateHash);
            return deleted == 1 && expires != null && expires.isAfter(now);
        });
    }

    private static int deleteWhere(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        }
    }
}
