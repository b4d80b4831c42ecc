package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.contactsync.google.GoogleTokenStore;
import org.contactsync.google.StoredGoogleToken;
import org.junit.jupiter.api.Test;

/** What every {@link GoogleTokenStore} does; each implementation's test only says how to build one. */
public abstract class GoogleTokenStoreContract {

    /** The store of the source {@code default}. */
    protected abstract GoogleTokenStore store();

    /** The store of another named source, on the same storage as {@link #store()}. */
    protected abstract GoogleTokenStore store(String source);

    @Test
    void isEmptyUntilAnAccountIsSaved() {
        assertThat(store().load()).isEmpty();
    }

    @Test
    void savesReplacesAndClearsTheAccount() {
        Instant at = Instant.parse("2024-05-01T10:15:30Z");
        GoogleTokenStore s = store();
        s.save(new StoredGoogleToken("v1:first", "a@example.com", at));
        s.save(new StoredGoogleToken("v1:second", null, at.plusSeconds(60)));

        assertThat(s.load()).contains(new StoredGoogleToken("v1:second", null, at.plusSeconds(60)));

        s.clear();
        assertThat(s.load()).isEmpty();
    }

    @Test
    void aPendingStateCanBeConsumedOnlyOnce() {
        GoogleTokenStore s = store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        s.savePendingState("hash-1", now.plus(Duration.ofMinutes(10)));

        assertThat(s.consumePendingState("hash-1", now)).isTrue();
        assertThat(s.consumePendingState("hash-1", now)).isFalse();
    }

    @Test
    void anUnknownOrExpiredStateIsRefused() {
        GoogleTokenStore s = store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        s.savePendingState("hash-2", now.plus(Duration.ofMinutes(10)));

        assertThat(s.consumePendingState("other", now)).isFalse();
        assertThat(s.consumePendingState("hash-2", now.plus(Duration.ofMinutes(11)))).isFalse();
    }

    @Test
    void eachSourceKeepsItsOwnAccount() {
        Instant at = Instant.parse("2024-05-01T10:15:30Z");
        GoogleTokenStore staff = store("staff");
        GoogleTokenStore customers = store("customers");
        staff.save(new StoredGoogleToken("v1:staff", "admin@example.com", at));
        customers.save(new StoredGoogleToken("v1:customers", "sales@example.com", at));

        assertThat(store("staff").load()).contains(new StoredGoogleToken("v1:staff", "admin@example.com", at));
        assertThat(store().load()).isEmpty();

        customers.clear();
        assertThat(customers.load()).isEmpty();
        assertThat(staff.load()).isPresent();
    }

    @Test
    void aStateStartedForOneSourceCannotFinishAnothersConnect() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store("staff").savePendingState("hash-3", now.plus(Duration.ofMinutes(10)));

        assertThat(store("customers").consumePendingState("hash-3", now)).isFalse();
        assertThat(store().consumePendingState("hash-3", now)).isFalse();
        assertThat(store("staff").consumePendingState("hash-3", now)).isTrue();
    }
}
