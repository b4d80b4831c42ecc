package org.contactsync.jdbc;

import java.util.UUID;

class DerbySyncStateStoreTest extends JdbcSyncStateStoreContract {
    @Override
    protected JdbcSettings settings() {
        return JdbcSettings.derbyInMemory("state-" + UUID.randomUUID());
    }
}
