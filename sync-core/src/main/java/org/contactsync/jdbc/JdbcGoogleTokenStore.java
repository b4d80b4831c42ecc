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

import org.contactsync.contact.Contact;
import org.contactsync.google.GoogleTokenStore;
import org.contactsync.google.StoredGoogleToken;

/**
 * {@link GoogleTokenStore} in the database (tables {@code cs_google_credential} and {@code cs_google_oauth_state})
 * for one source's Google account: the credential row's id and each pending state's {@code source_name} are the
 * source's name, so several Google sources keep their own accounts and a connect started for one source cannot
 * finish another's. Shared by every node that uses the same database, so a connect started on one node can finish
 * on another. Like
 * the other JDBC stores: one retried transaction per call, instants through the {@link Dialect}, failures as
 * {@link DataAccessException}.
 */
public final class JdbcGoogleTokenStore implements GoogleTokenStore {
    /** The longest source name the credential table's id holds. */
    public static final int MAX_SOURCE_LENGTH = 32;

    private final Dialect dialect;
    private final Transactions transactions;
    private final String source;

    /** The account of the source {@code default} (the one source of a configuration that names none). */
    public JdbcGoogleTokenStore(DataSource dataSource, Dialect dialect) {
        this(dataSource, dialect, Contact.DEFAULT_SOURCE);
    }

    /** The account of the named source. */
    public JdbcGoogleTokenStore(DataSource dataSource, Dialect dialect, String source) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.source = Objects.requireNonNull(source, "source");
        if (source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException("A Google source's name must be 1 to " + MAX_SOURCE_LENGTH
                    + " characters, was '" + source + "'");
        }
        this.transactions = new Transactions(dataSource);
    }

    /** The source whose account this store keeps. */
    public String source() {
        return source;
    }

    @Override
    public Optional<StoredGoogleToken> load() {
        return transactions.read("read the connected Google account", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT encrypted_refresh_token, account_email, "
                    + "connected_at FROM cs_google_credential WHERE id = ?")) {
                ps.setString(1, source);
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
            deleteWhere(c, "DELETE FROM cs_google_credential WHERE id = ?", source);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_google_credential "
                    + "(id, encrypted_refresh_token, account_email, connected_at) VALUES (?, ?, ?, ?)")) {
                Columns.bindAll(ps, List.of(source, token.encryptedRefreshToken()));
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
                c -> deleteWhere(c, "DELETE FROM cs_google_credential WHERE id = ?", source));
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
                    "INSERT INTO cs_google_oauth_state (state_hash, expires_at, source_name) VALUES (?, ?, ?)")) {
                ps.setString(1, stateHash);
                dialect.setInstant(ps, 2, expiresAt);
                ps.setString(3, source);
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
                    "SELECT expires_at FROM cs_google_oauth_state WHERE state_hash = ? AND source_name = ?")) {
                Columns.bindAll(ps, List.of(stateHash, source));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        expires = dialect.getInstant(rs, "expires_at");
                    }
                }
            }
            // Only the caller whose DELETE removed the row may use the state: single use across nodes too.
            // A state of another source stays for that source: a connect started for one cannot finish another's.
            int deleted;
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM cs_google_oauth_state WHERE state_hash = ? AND source_name = ?")) {
                Columns.bindAll(ps, List.of(stateHash, source));
                deleted = ps.executeUpdate();
            }
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
