package org.contactsync.google;

import java.time.Instant;
import java.util.Optional;

/**
 * Keeps one source's connected Google account and its pending OAuth {@code state} values, so any node of a cluster
 * can finish a "connect" another node started. Each Google source has a store of its own (the JDBC store is keyed
 * by the source's name); a state saved in one source's store is never consumed by another's. Stores see only
 * encrypted tokens and hashed states.
 */
public interface GoogleTokenStore {

    Optional<StoredGoogleToken> load();

    /** Replaces the stored account. */
    void save(StoredGoogleToken token);

    /** Forgets the account (disconnect). */
    void clear();

    /** Remembers a started authorization until {@code expiresAt}; also drops states that expired. */
    void savePendingState(String stateHash, Instant expiresAt);

    /** Removes the state and answers whether it existed and had not expired at {@code now}: each state works once. */
    boolean consumePendingState(String stateHash, Instant now);
}
