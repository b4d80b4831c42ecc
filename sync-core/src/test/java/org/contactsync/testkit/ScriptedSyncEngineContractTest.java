package org.contactsync.testkit;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncEngine;
import org.junit.jupiter.api.Nested;

/** The test kit's scripted engine keeps the engine contract, with a cursor and without. */
class ScriptedSyncEngineContractTest extends SyncEngineContract {
    private static final int PAGE = 10;

    @Override
    protected EngineFixture newFixture(int contacts) {
        return new Scripted(new ScriptedSyncEngine().withCursor().pageSize(PAGE).put(TestContacts.people(contacts)));
    }

    @Nested
    class WithoutACursor extends SyncEngineContract {
        @Override
        protected EngineFixture newFixture(int contacts) {
            return new Scripted(new ScriptedSyncEngine().pageSize(PAGE).put(TestContacts.people(contacts)));
        }
    }

    private record Scripted(ScriptedSyncEngine scripted) implements EngineFixture {
        @Override
        public SyncEngine engine() {
            return scripted;
        }

        @Override
        public Set<String> sourceIds() {
            return scripted.contacts().stream().map(Contact::sourceId).collect(Collectors.toSet());
        }

        @Override
        public int pageSize() {
            return PAGE;
        }

        @Override
        public void failNextReadPartWay() {
            scripted.failNextRun(2, new IOException("Connection reset"));
        }

        @Override
        public void expireCursors() {
            scripted.expireCursors();
        }
    }
}
