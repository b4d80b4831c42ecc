package org.contactsync.google;

import java.time.Instant;
import java.util.Objects;

/**
 * The connected Google account as stored: only the ENCRYPTED refresh token ever reaches a store.
 *
 * @param encryptedRefreshToken from {@link TokenCipher#encrypt}
 * @param accountEmail          the account's email when Google told us, else null
 * @param connectedAt           when the account was connected
 */
public record StoredGoogleToken(String encryptedRefreshToken, String accountEmail, Instant connectedAt) {
    public StoredGoogleToken {
        Objects.requireNonNull(encryptedRefreshToken, "encryptedRefreshToken");
        Objects.requireNonNull(connectedAt, "connectedAt");
    }

    @Override
    public String toString() {
        return "StoredGoogleToken[accountEmail=" + accountEmail + ", connectedAt=" + connectedAt + "]";
    }
}
