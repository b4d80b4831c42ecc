package org.contactsync.google;

import java.util.Set;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The Google People engine keeps the engine contract, through the real Google client against the emulator. */
class GooglePeopleSyncEngineContractTest extends EmulatedGoogleContract {
    @Override
    void populate(PeopleApiEmulator google, int contacts) {
        google.generatePeople(contacts);
    }

    @Override
    SyncEngine engine(GoogleAccount account) {
        return new GooglePeopleSyncEngine(account);
    }

    @Override
    Set<String> ids(PeopleApiEmulator google) {
        return Set.copyOf(google.liveResourceNames());
    }
}
