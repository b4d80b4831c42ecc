package org.contactsync.google;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A real, thread-safe {@link GoogleTokenStore} in memory: for a single process that may reconnect after restarts. */
public final class InMemoryGoogleTokenStore implements GoogleTokenStore {
    private StoredGoogleToken token;
    private final Map<String, Instant> states = new HashMap<>();

    @Override
    public synchronized Optional<StoredGoogleToken> load() {
        return Optional.ofNullable(token);
    }

    @Override
    public synchronized void save(StoredGoogleToken token) {
        this.token = token;
    }

    @Override
    public synchronized void clear() {
        this.token = null;
    }

    @Override
    public synchronized void savePendingState(String stateHash, Instant expiresAt) {
        Instant now = Instant.now();
        states.values().removeIf(t -> t.isBefore(now));
        states.put(stateHash, expiresAt);
    }

    @Override
    public synchronized boolean consumePendingState(String stateHash, Instant now) {
        Instant expires = states.remove(stateHash);
        return expires != null && expires.isAfter(now);
    }
}
