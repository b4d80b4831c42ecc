package org.contactsync.google;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The Workspace directory engine keeps the engine contract, through the real Google client against the emulator. */
class GoogleDirectorySyncEngineContractTest extends EmulatedGoogleContract {
    @Override
    void populate(PeopleApiEmulator google, int contacts) {
        google.generateDirectoryPeople(contacts, PeopleApiEmulator.DOMAIN_PROFILE);
    }

    @Override
    SyncEngine engine(GoogleAccount account) {
        return new GoogleDirectorySyncEngine(account);
    }

    @Override
    Set<String> ids(PeopleApiEmulator google) {
        return Set.copyOf(google.liveDirectoryNames());
    }

    @Override
    UnaryOperator<GoogleSettings.Builder> settings() {
        return b -> b.scopes(List.of(GoogleDirectorySyncEngine.SCOPE));
    }
}
