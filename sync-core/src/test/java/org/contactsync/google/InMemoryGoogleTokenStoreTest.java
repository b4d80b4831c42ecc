package org.contactsync.google;

import org.contactsync.testkit.GoogleTokenStoreContract;

class InMemoryGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private final InMemoryGoogleTokenStore store = new InMemoryGoogleTokenStore();

    @Override
    protected GoogleTokenStore store() {
        return store;
    }
}
