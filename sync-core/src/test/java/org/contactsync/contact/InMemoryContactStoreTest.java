package org.contactsync.contact;

import org.contactsync.testkit.ContactStoreContract;

class InMemoryContactStoreTest extends ContactStoreContract {
    @Override
    protected ContactStore newEmptyStore() {
        return new InMemoryContactStore();
    }
}
