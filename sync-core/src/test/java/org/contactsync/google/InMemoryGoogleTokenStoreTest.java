package org.contactsync.google;

class InMemoryGoogleTokenStoreTest extends GoogleTokenStoreContract {
    private final InMemoryGoogleTokenStore store = new InMemoryGoogleTokenStore();

    @Override
    protected GoogleTokenStore store() {
        return store;
    }
}
