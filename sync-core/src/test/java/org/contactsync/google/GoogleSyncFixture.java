package org.contactsync.google;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.google.PeopleApiEmulator;

/** The real Google client against the emulator, through SyncManager with in-memory stores. */
final class GoogleSyncFixture implements AutoCloseable {
    final PeopleApiEmulator google = PeopleApiEmulator.start();
    final InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
    final InMemoryContactStore contacts = new InMemoryContactStore();
    final InMemorySyncStateStore state = new InMemorySyncStateStore();
    GoogleSettings settings;
    GoogleAccount account;
    SyncManager sync;

    GoogleSyncFixture() {
        this(b -> b);
    }

    GoogleSyncFixture(UnaryOperator<GoogleSettings.Builder> tweak) {
        settings = tweak.apply(google.settings()).build();
        google.connect(tokens, settings);
        wire();
    }

    /** Rewires with other settings (same token key, same stores), as a restart with a changed configuration. */
    void reconfigure(UnaryOperator<GoogleSettings.Builder> tweak) {
        sync.close();
        settings = tweak.apply(settings.toBuilder()).build();
        wire();
    }

    private void wire() {
        account = new GoogleAccount(settings, tokens);
        sync = SyncManager.builder()
                .engine(new GooglePeopleSyncEngine(account))
                .stateStore(state)
                .contactStore(contacts)
                .build();
    }

    SyncRun run(SyncType type) throws Exception {
        TriggerResult r = sync.trigger(type);
        long id = ((TriggerResult.Started) r).run().id();
        return sync.await(id, Duration.ofSeconds(60)).orElseThrow();
    }

    /** Source id → content hash of everything stored, to prove a failed run changed nothing. */
    Map<String, String> storeSnapshot() {
        Map<String, String> m = new HashMap<>();
        for (String id : contacts.sourceIds()) {
            m.put(id, contacts.findBySourceId(id).map(Contact::contentHash).orElseThrow());
        }
        return m;
    }

    @Override
    public void close() {
        sync.close();
        google.close();
    }
}
