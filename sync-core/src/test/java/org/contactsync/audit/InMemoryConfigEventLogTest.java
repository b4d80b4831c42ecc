package org.contactsync.audit;

import org.contactsync.testkit.ConfigEventLogContract;

class InMemoryConfigEventLogTest extends ConfigEventLogContract {
    private final InMemoryConfigEventLog log = new InMemoryConfigEventLog();

    @Override
    protected ConfigEventLog log() {
        return log;
    }
}
