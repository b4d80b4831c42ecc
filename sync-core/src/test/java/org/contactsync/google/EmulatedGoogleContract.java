package org.contactsync.google;

import java.util.Set;
import java.util.function.UnaryOperator;

import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.SyncEngineContract;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;

/**
 * The engine contract for the Google engines, through the real Google client against the emulator: each subclass
 * says what the emulator holds, which settings and engine read it, and which ids a full read must report.
 */
abstract class EmulatedGoogleContract extends SyncEngineContract {
    static final int PAGE = 10;

    /** Fills the emulator with {@code contacts} people of the kind the engine reads. */
    abstract void populate(PeopleApiEmulator google, int contacts);

    abstract SyncEngine engine(GoogleAccount account);

    /** Every id a full read must report. */
    abstract Set<String> ids(PeopleApiEmulator google);

    /** Settings beyond the page size (e.g. scopes). */
    UnaryOperator<GoogleSettings.Builder> settings() {
        return b -> b;
    }

    @Override
    protected EngineFixture newFixture(int contacts) {
        PeopleApiEmulator google = PeopleApiEmulator.start();
        populate(google, contacts);
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = settings().apply(google.settings().pageSize(PAGE)).build();
        google.connect(tokens, settings);
        return new Emulated(google, engine(new GoogleAccount(settings, tokens)));
    }

    private final class Emulated implements EngineFixture {
        private final PeopleApiEmulator google;
        private final SyncEngine engine;

        Emulated(PeopleApiEmulator google, SyncEngine engine) {
            this.google = google;
            this.engine = engine;
        }

        @Override
        public SyncEngine engine() {
            return engine;
        }

        @Override
        public Set<String> sourceIds() {
            return ids(google);
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
