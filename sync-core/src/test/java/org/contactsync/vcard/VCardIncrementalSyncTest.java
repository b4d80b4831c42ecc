package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.contactsync.vcard.VCardRuns.card;

import java.nio.file.Path;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Re-reading an edited export: incremental runs report exactly what changed in the file. */
class VCardIncrementalSyncTest {
    @TempDir
    Path dir;
    private Path file;
    private VCardRuns runs;

    @BeforeEach
    void importFiveContacts() throws Exception {
        file = dir.resolve("contacts.vcf");
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"),
                card("u3", "Carol Carter", "+1 212 555 0103"),
                card("u4", "Dan Dawson", "+1 212 555 0104"),
                card(null, "Erin Ellis", "+1 212 555 0105"));
        runs = new VCardRuns(new VCardSyncEngine(file));
        assertThat(runs.run(SyncType.FULL).stats()).isEqualTo(new SyncStats(5, 0, 0, 0, 0));
    }

    @AfterEach
    void close() {
        runs.close();
    }

    @Test
    void reportsExactlyTheEditedAddedAndRemovedCards() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0199"),
                card("u3", "Carol Carter", "+1 212 555 0103"),
                card(null, "Erin Ellis", "+1 212 555 0105"),
                card("u6", "Frank Fischer", "+1 212 555 0106"));
        List<Contact> before = runs.snapshot();

        SyncRun run = runs.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats()).isEqualTo(new SyncStats(1, 1, 1, 3, 0));
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer", "Bob Baker", "Carol Carter", "Erin Ellis",
                "Frank Fischer");
        assertThat(runs.named("Bob Baker").phones())
                .containsExactly(PhoneNumber.of("+1 212 555 0199", PhoneType.MOBILE));
        // Unchanged contacts are not rewritten: same local id, same content.
        assertThat(runs.named("Alice Archer")).isEqualTo(
                before.stream().filter(c -> c.displayName().equals("Alice Archer")).findFirst().orElseThrow());
    }

    @Test
    void reportsEveryCardUnchangedWhenTheFileIsTheSame() throws Exception {
        List<Contact> before = runs.snapshot();
        long version = runs.contacts.version();

        SyncRun run = runs.run(SyncType.INCREMENTAL);

        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 0, 5, 0));
        assertThat(runs.snapshot()).isEqualTo(before);
        assertThat(runs.contacts.version()).as("nothing written").isEqualTo(version);
    }

    @Test
    void storesAChangedCardWithoutUidUnderANewIdAndRemovesTheOldOne() throws Exception {
        String oldId = runs.named("Erin Ellis").sourceId();
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"),
                card("u3", "Carol Carter", "+1 212 555 0103"),
                card("u4", "Dan Dawson", "+1 212 555 0104"),
                card(null, "Erin Ellis", "+1 212 555 0155"));

        SyncRun run = runs.run(SyncType.INCREMENTAL);

        assertThat(run.stats()).isEqualTo(new SyncStats(1, 0, 1, 4, 0));
        Contact erin = runs.named("Erin Ellis");
        assertThat(erin.sourceId()).startsWith("vcard-content-").isNotEqualTo(oldId);
        assertThat(runs.contacts.findBySourceId(oldId)).isEmpty();
    }

    @Test
    void incrementalIntoAnEmptyStoreAddsEveryCard() throws Exception {
        try (VCardRuns fresh = new VCardRuns(new VCardSyncEngine(file))) {
            SyncRun run = fresh.run(SyncType.INCREMENTAL);

            assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
            assertThat(run.stats()).isEqualTo(new SyncStats(5, 0, 0, 0, 0));
        }
    }

    @Test
    void fullSyncAlsoRemovesCardsNoLongerInTheFile() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"));

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 3, 2, 0));
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer", "Bob Baker");
    }

    @Test
    void aDryRunListsTheChangesOfAnIncrementalSyncWithoutWritingThem() throws Exception {
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0199"),
                card("u3", "Carol Carter", "+1 212 555 0103"),
                card(null, "Erin Ellis", "+1 212 555 0105"),
                card("u6", "Frank Fischer", "+1 212 555 0106"));
        List<Contact> before = runs.snapshot();

        SyncPreview preview = runs.manager.preview(SyncType.INCREMENTAL);

        assertThat(preview.stats()).isEqualTo(new SyncStats(1, 1, 1, 3, 0));
        assertThat(preview.changes()).extracting(ContactChange::kind, ContactChange::displayName).containsExactlyInAnyOrder(
                tuple(ContactChange.Kind.UPDATE, "Bob Baker"),
                tuple(ContactChange.Kind.ADD, "Frank Fischer"),
                tuple(ContactChange.Kind.DELETE, "Dan Dawson"));
        assertThat(runs.snapshot()).isEqualTo(before);
    }
}
