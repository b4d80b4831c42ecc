package org.contactsync.sync;

import org.contactsync.testkit.SyncStateStoreContract;

class InMemorySyncStateStoreTest extends SyncStateStoreContract {
    @Override
    protected SyncStateStore newEmptyStore() {
        return new InMemorySyncStateStore();
    }
}
