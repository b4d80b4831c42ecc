package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.vcard.VCardRuns.card;

import java.nio.file.Path;

import org.contactsync.contact.Contact;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card with a value that cannot be used is skipped and counted as an error; the run still completes and the
 * stored copy of that card (if any) is kept, never deleted for being "missing".
 */
class VCardSkippedCardTest {
    @TempDir
    Path dir;
    private Path file;
    private VCardRuns runs;

    @BeforeEach
    void setUp() {
        file = dir.resolve("contacts.vcf");
        runs = new VCardRuns(new VCardSyncEngine(file));
    }

    @AfterEach
    void close() {
        runs.close();
    }

    @Test
    void skipsACardWithAPhoneNumberWithoutDigitsAndImportsTheRest() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "ask reception"),
                card("u3", "Carol Carter", "+1 212 555 0103"));

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 1));
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer", "Carol Carter");
    }

    @Test
    void skipsACardWithAnEmailAddressWithoutAt() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                "BEGIN:VCARD", "VERSION:3.0", "UID:u2", "FN:Bob Baker", "EMAIL:bob.example.com", "END:VCARD");

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.stats()).isEqualTo(new SyncStats(1, 0, 0, 0, 1));
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer");
    }

    @Test
    void skipsACardWithNothingToShow() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                "BEGIN:VCARD", "VERSION:3.0", "UID:u2", "NOTE:only a note", "END:VCARD");

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.stats()).isEqualTo(new SyncStats(1, 0, 0, 0, 1));
        assertThat(runs.contacts.findBySourceId("u2")).isEmpty();
    }

    @Test
    void importsOnlyTheFirstOfTwoCardsWithTheSameUid() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u1", "Alice Archer (old copy)", "+1 212 555 0199"),
                card(null, "Bob Baker", "+1 212 555 0102"),
                card(null, "Bob Baker", "+1 212 555 0102"));

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 2));
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer", "Bob Baker");
    }

    @Test
    void keepsTheStoredCopyOfACardThatIsSkippedLater() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"));
        runs.run(SyncType.FULL);
        Contact bob = runs.named("Bob Baker");
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "n/a"));

        SyncRun full = runs.run(SyncType.FULL);
        SyncRun incremental = runs.run(SyncType.INCREMENTAL);

        assertThat(full.stats()).isEqualTo(new SyncStats(0, 0, 0, 1, 1));
        assertThat(incremental.stats()).isEqualTo(new SyncStats(0, 0, 0, 1, 1));
        assertThat(runs.named("Bob Baker")).isEqualTo(bob);
    }
}
