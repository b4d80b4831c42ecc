package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.Page;
import org.contactsync.audit.ConfigAtStart;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventLog;
import org.junit.jupiter.api.Test;

/** What every {@link ConfigEventLog} does; each implementation's test only says how to build an empty one. */
public abstract class ConfigEventLogContract {

    protected abstract ConfigEventLog log();

    private static ConfigEvent event(String kind, String actor, String summary) {
        return ConfigEvent.of(kind, actor, summary, Contact.DEFAULT_SOURCE);
    }

    @Test
    void isEmptyUntilSomethingIsRecorded() {
        Page<ConfigEvent> page = log().page(10, 0);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }

    @Test
    void stampsEachEventWithItsOwnClockAndKeepsWhatWasSaid() {
        Instant before = Instant.now().minus(Duration.ofMinutes(1));
        ConfigEvent kept = log().record(new ConfigEvent(Instant.parse("2001-01-01T00:00:00Z"), "google", "alice",
                "Google account connected (alice@example.com).", null));

        assertThat(kept.at()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
        assertThat(log().page(10, 0).items()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("google");
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.summary()).isEqualTo("Google account connected (alice@example.com).");
            assertThat(e.source()).isEqualTo(Contact.DEFAULT_SOURCE);
            assertThat(e.at()).isEqualTo(kept.at());
        });
    }

    @Test
    void pagesNewestFirstWithTheTotal() {
        ConfigEventLog log = log();
        for (int i = 1; i <= 5; i++) {
            log.record(event("schedule", "system", "Change " + i + "."));
        }

        Page<ConfigEvent> first = log.page(2, 0);
        Page<ConfigEvent> last = log.page(2, 4);

        assertThat(first.items()).extracting(ConfigEvent::summary).containsExactly("Change 5.", "Change 4.");
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.hasMore()).isTrue();
        assertThat(last.items()).extracting(ConfigEvent::summary).containsExactly("Change 1.");
        assertThat(last.hasMore()).isFalse();
        assertThat(log.page(2, 10).items()).isEmpty();
        assertThat(log.page(0, 0).total()).isEqualTo(5);
    }

    @Test
    void refusesANegativePage() {
        assertThatThrownBy(() -> log().page(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log().page(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLatestEventIsPerKindAndSource() {
        ConfigEventLog log = log();
        log.record(event("source", "configuration", "Contact source: vCard file a.vcf."));
        log.record(event("source", "configuration", "Contact source: Google Contacts."));
        log.record(event("groups", "configuration", "Google groups synced: all."));
        log.record(ConfigEvent.of("source", "configuration", "Contact source: CardDAV.", "office"));

        assertThat(log.latest("source", Contact.DEFAULT_SOURCE)).map(ConfigEvent::summary)
                .contains("Contact source: Google Contacts.");
        assertThat(log.latest("source", "office")).map(ConfigEvent::summary).contains("Contact source: CardDAV.");
        assertThat(log.latest("google", Contact.DEFAULT_SOURCE)).isEmpty();
    }

    @Test
    void aStartRecordsOnlyTheSettingsThatChangedSinceTheLastOne() {
        ConfigAtStart atStart = new ConfigAtStart(log());
        Map<String, String> first = new LinkedHashMap<>();
        first.put("source", "Contact source: Google Contacts.");
        first.put("groups", "Google groups synced: all.");

        assertThat(atStart.record(Contact.DEFAULT_SOURCE, first)).hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo(ConfigEvent.ACTOR_CONFIGURATION));
        assertThat(atStart.record(Contact.DEFAULT_SOURCE, first)).as("a restart with the same settings")
                .isEmpty();

        Map<String, String> changed = new LinkedHashMap<>(first);
        changed.put("groups", "Google groups synced: Family, Work.");
        assertThat(atStart.record(Contact.DEFAULT_SOURCE, changed)).extracting(ConfigEvent::summary)
                .containsExactly("Google groups synced: Family, Work.");
        assertThat(log().page(10, 0).total()).isEqualTo(3);
    }

    @Test
    void longSummariesAreCutNotRefused() {
        ConfigEvent kept = log().record(event("source", "configuration", "x".repeat(ConfigEvent.MAX_SUMMARY + 50)));

        assertThat(kept.summary()).hasSize(ConfigEvent.MAX_SUMMARY).endsWith("…");
        assertThat(log().page(1, 0).items().get(0).summary()).isEqualTo(kept.summary());
    }
}
