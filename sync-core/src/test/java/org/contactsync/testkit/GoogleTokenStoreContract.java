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

    protected abstract GoogleTokenStore store();

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
}
