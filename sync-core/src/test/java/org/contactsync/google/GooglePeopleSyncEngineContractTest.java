package org.contactsync.google;

import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The Google People engine keeps the engine contract, through the real Google client against the emulator. */
class GooglePeopleSyncEngineContractTest extends SyncEngineContract {
    private static final int PAGE = 10;

    @Override
    protected EngineFixture newFixture(int contacts) {
        PeopleApiEmulator google = PeopleApiEmulator.start();
        google.generatePeople(contacts);
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = google.settings().pageSize(PAGE).build();
        google.connect(tokens, settings);
        return new Emulated(google, new GooglePeopleSyncEngine(new GoogleAccount(settings, tokens)));
    }

    private record Emulated(PeopleApiEmulator google, SyncEngine engine) implements EngineFixture {
        @Override
        public Set<String> sourceIds() {
            return Set.copyOf(google.liveResourceNames());
        }

        @Override
        public int pageSize() {
            return PAGE;
        }

        @Override
        public void failNextReadPartWay() {
            // 403 is not retried: the second page fails at once.
            google.failConnectionsAfter(1, Fault.status(403), 1);
        }

        @Override
        public void expireCursors() {
            google.expireSyncTokens(410);
        }

        @Override
        public void close() {
            google.close();
        }
    }
}
