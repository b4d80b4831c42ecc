package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bundled sample address book, imported through a real SyncManager. */
class VCardSampleFileTest {
    private VCardRuns runs;
    private SyncRun firstRun;

    @BeforeEach
    void importSample() throws Exception {
        runs = new VCardRuns(VCardSyncEngine.bundledSample());
        firstRun = runs.run(SyncType.FULL);
    }

    @AfterEach
    void close() {
        runs.close();
    }

    @Test
    void importsEveryContactOfTheSampleInAFullSync() {
        assertThat(firstRun.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(firstRun.error()).isNull();
        assertThat(firstRun.stats()).isEqualTo(new SyncStats(SampleVCardGenerator.COUNT, 0, 0, 0, 0));
        assertThat(runs.contacts.count()).isEqualTo(SampleVCardGenerator.COUNT);
    }

    @Test
    void mapsNameOrganisationTypedPhonesEmailGroupsAndRevision() {
        Contact c = runs.named("Łukasz Żółkiewski");
        assertThat(c.sourceId()).isEqualTo(SampleVCardGenerator.uid(0));
        assertThat(c.givenName()).isEqualTo("Łukasz");
        assertThat(c.familyName()).isEqualTo("Żółkiewski");
        assertThat(c.organization()).isEqualTo("Żółkiewski Transport");
        assertThat(c.phones()).containsExactly(
                PhoneNumber.primary("+44 7700 900123", PhoneType.MOBILE),
                PhoneNumber.of("+44 20 7946 0123", PhoneType.WORK));
        assertThat(c.phones().get(0).digits()).isEqualTo("447700900123");
        assertThat(c.emails()).containsExactly("lukasz@example.com");
        assertThat(c.groups()).containsExactly("Work", "Suppliers");
        assertThat(c.updatedAt()).isEqualTo(Instant.parse("2024-02-10T08:30:00Z"));
    }

    @Test
    void keepsNamesInEveryScriptExactly() {
        assertThat(runs.byName()).containsKeys("Renée Éluard", "Jörg Ölmann", "Дмитрий Иванов",
                "Γιώργος Παπαδόπουλος", "李伟", "محمد العلي", "山田 太郎", "김민준", "דוד כהן");
        Contact li = runs.named("李伟");
        assertThat(li.familyName()).isEqualTo("李");
        assertThat(li.givenName()).isEqualTo("伟");
        assertThat(li.organization()).isEqualTo("北京示例科技有限公司");
        assertThat(runs.named("Дмитрий Иванов").organization()).isEqualTo("ООО «Северный ветер»");
    }

    @Test
    void keepsHostileAndSpecialCharacterNamesVerbatim() {
        assertThat(runs.byName()).containsKeys("<img src=x onerror=alert(1)>", "Marie \"Mimi\" O'Neil",
                "Anna Berg <Reception>", "Chloé & Marc Dupont", "Jordan Lee; PhD, MBA");
        assertThat(runs.named("Chloé & Marc Dupont").groups()).containsExactly("Friends", "Family");
        assertThat(runs.named("<img src=x onerror=alert(1)>").phones())
                .containsExactly(PhoneNumber.of("+1 206 555 0166", PhoneType.MOBILE));
    }

    @Test
    void showsCardsWithoutANameByOrganisationThenEmailThenPhone() {
        Contact plumber = runs.named("Smith & Sons Plumbing");
        assertThat(plumber.givenName()).isNull();
        assertThat(plumber.organization()).isEqualTo("Smith & Sons Plumbing");
        assertThat(runs.named("Northwind Traders, Purchasing").emails()).containsExactly("purchasing@example.net");
        assertThat(runs.named("info@example.org").phones()).isEmpty();
        assertThat(runs.named("+44 20 7946 0018").phones())
                .containsExactly(PhoneNumber.of("+44 20 7946 0018", PhoneType.OTHER));
    }

    @Test
    void marksThePreferredNumberInVCard3AndVCard4Forms() {
        assertThat(runs.named("Priya Raman").phones()).containsExactly(
                PhoneNumber.of("+44 20 7946 0550", PhoneType.WORK),
                PhoneNumber.primary("+44 7700 900550", PhoneType.MOBILE),
                PhoneNumber.of("+44 20 7946 0551", PhoneType.HOME),
                PhoneNumber.of("+44 20 7946 0552", PhoneType.WORK));
        assertThat(runs.named("Kwame Mensah").phones()).containsExactly(
                PhoneNumber.of("+61 2 5550 4410", PhoneType.HOME),
                PhoneNumber.primary("+61 2 5550 4411", PhoneType.WORK),
                PhoneNumber.of("+1 415 555 0144", PhoneType.MOBILE));
    }

    @Test
    void keepsAContactWithoutPhoneNumbers() {
        Contact olivia = runs.named("Olivia Brandt");
        assertThat(olivia.hasPhone()).isFalse();
        assertThat(olivia.emails()).containsExactly("olivia.brandt@example.com", "o.brandt@example.net");
    }

    @Test
    void givesCardsWithoutUidAStableIdFromTheirContent() throws Exception {
        String svenId = runs.named("Sven Lindqvist").sourceId();
        assertThat(svenId).startsWith("vcard-content-");
        assertThat(runs.named("Zoë Adeyemi").sourceId()).startsWith("vcard-content-").isNotEqualTo(svenId);

        SyncRun again = runs.run(SyncType.FULL);

        assertThat(runs.named("Sven Lindqvist").sourceId()).isEqualTo(svenId);
        assertThat(again.stats()).isEqualTo(new SyncStats(0, 0, 0, SampleVCardGenerator.COUNT, 0));
    }

    @Test
    void incrementalSyncOfTheUnchangedSampleChangesNothing() throws Exception {
        List<Contact> before = runs.snapshot();

        SyncRun incremental = runs.run(SyncType.INCREMENTAL);

        assertThat(incremental.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(incremental.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(incremental.stats()).isEqualTo(new SyncStats(0, 0, 0, SampleVCardGenerator.COUNT, 0));
        assertThat(runs.snapshot()).isEqualTo(before);
    }

    @Test
    void theBundledFileIsWhatTheGeneratorWrites() throws Exception {
        String bundled;
        try (InputStream in = VCardSyncEngine.class.getResourceAsStream(VCardSyncEngine.SAMPLE_RESOURCE)) {
            assertThat(in).as("bundled sample").isNotNull();
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(bundled).as("re-run SampleVCardGenerator after changing it").isEqualTo(SampleVCardGenerator.generate());
    }
}
