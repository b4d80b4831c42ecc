package org.contactsync.jdbc;

import java.util.UUID;

class DerbyContactStoreTest extends JdbcContactStoreContract {
    @Override
    protected JdbcSettings settings() {
        return JdbcSettings.derbyInMemory("contacts-" + UUID.randomUUID());
    }
}
