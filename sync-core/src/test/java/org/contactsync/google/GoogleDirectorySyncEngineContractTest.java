package org.contactsync.google;

import java.util.List;
import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The Workspace directory engine keeps the engine contract, through the real Google client against the emulator. */
class GoogleDirectorySyncEngineContractTest extends SyncEngineContract {
    private static final int PAGE = 10;

    @Override
    protected EngineFixture newFixture(int contacts) {
        PeopleApiEmulator google = PeopleApiEmulator.start();
        google.generateDirectoryPeople(contacts, PeopleApiEmulator.DOMAIN_PROFILE);
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = google.settings().pageSize(PAGE)
                .scopes(List.of(GoogleDirectorySyncEngine.SCOPE)).build();
        google.connect(tokens, settings);
        return new Emulated(google, new GoogleDirectorySyncEngine(new GoogleAccount(settings, tokens)));
    }

    private record Emulated(PeopleApiEmulator google, SyncEngine engine) implements EngineFixture {
        @Override
        public Set<String> sourceIds() {
            return Set.copyOf(google.liveDirectoryNames());
        }

        @Override
        public int pageSize() {
            return PAGE;
        }

        @Override
        public void failNextReadPartWay() {
            google.failConnectionsAfter(1, Fault.status(403), 1); // 403 is not retried: page 2 fails at once
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
