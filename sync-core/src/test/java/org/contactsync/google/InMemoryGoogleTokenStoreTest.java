package org.contactsync.google;

import java.util.HashMap;
import java.util.Map;

import org.contactsync.testkit.GoogleTokenStoreContract;

/** One in-memory store per source: each source's account and pending states are its own. */
class InMemoryGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private final Map<String, InMemoryGoogleTokenStore> stores = new HashMap<>();

    @Override
    protected GoogleTokenStore store() {
        return store("default");
    }

    @Override
    protected GoogleTokenStore store(String source) {
        return stores.computeIfAbsent(source, s -> new InMemoryGoogleTokenStore());
    }
}
