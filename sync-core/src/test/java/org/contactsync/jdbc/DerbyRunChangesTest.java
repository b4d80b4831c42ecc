package org.contactsync.jdbc;

import java.util.UUID;

class DerbyRunChangesTest extends JdbcRunChangesContract {
    @Override
    protected JdbcSettings settings() {
        return JdbcSettings.derbyInMemory("changes-" + UUID.randomUUID());
    }
}
