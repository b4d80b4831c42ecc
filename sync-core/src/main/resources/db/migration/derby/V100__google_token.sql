-- The connected Google account (owned by org.contactsync.google). The refresh token is stored AES-GCM encrypted.
CREATE TABLE cs_google_credential (
    id VARCHAR(32) NOT NULL PRIMARY KEY,
    encrypted_refresh_token VARCHAR(4000) NOT NULL,
    account_email VARCHAR(320),
    connected_at TIMESTAMP NOT NULL
);

-- Pending OAuth "state" values (SHA-256 hashes), so any node can finish a connect another node started.
CREATE TABLE cs_google_oauth_state (
    state_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP NOT NULL
);
