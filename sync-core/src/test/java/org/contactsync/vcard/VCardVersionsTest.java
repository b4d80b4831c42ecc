package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vCard 2.1, 3.0 and 4.0 as phones, Outlook, Google and Apple write them, and the encodings files come in. */
class VCardVersionsTest {
    @TempDir
    Path dir;

    @Test
    void readsVCard21WithQuotedPrintableBareTypesAndAnEmbeddedAgentCard() throws Exception {
        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(fixture("outlook-2.1.vcf")))) {
            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            // The AGENT card inside Charlie's card is part of it, not a contact of its own.
            assertThat(run.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 0));
            Contact ayse = runs.named("Ayşe Öztürk");
            assertThat(ayse.sourceId()).isEqualTo("outlook-0001");
            assertThat(ayse.givenName()).isEqualTo("Ayşe");
            assertThat(ayse.familyName()).isEqualTo("Öztürk");
            assertThat(ayse.organization()).isEqualTo("Fabrikam Inc., Sales");
            assertThat(ayse.phones()).containsExactly(
                    PhoneNumber.of("+1 (212) 555-0123", PhoneType.WORK),
                    PhoneNumber.primary("+1 415 555 0199", PhoneType.MOBILE),
                    PhoneNumber.of("+44 20 7946 0888", PhoneType.HOME));
            assertThat(ayse.emails()).containsExactly("ayse.ozturk@example.com");
            assertThat(ayse.groups()).containsExactly("Work");
            assertThat(ayse.updatedAt()).isEqualTo(Instant.parse("2024-01-15T10:15:00Z"));
            Contact charlie = runs.named("Charlie Brown");
            assertThat(charlie.sourceId()).startsWith("vcard-content-");
            assertThat(charlie.phones()).containsExactly(PhoneNumber.of("(617) 555-0100", PhoneType.HOME));
        }
    }

    @Test
    void readsVCard30WithGroupedPropertiesFoldedLinesAndEscapes() throws Exception {
        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(fixture("google-3.0.vcf")))) {
            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 0));
            Contact grace = runs.named("Grace Hopper");
            assertThat(grace.sourceId()).isEqualTo("google-c1");
            assertThat(grace.phones()).containsExactly(
                    PhoneNumber.of("+1 617-555-0104", PhoneType.MOBILE),
                    PhoneNumber.of("+1 617-555-0105", PhoneType.OTHER));
            assertThat(grace.emails()).containsExactly("grace@example.com");
            assertThat(grace.groups()).containsExactly("Work", "Friends");
            Contact sergei = runs.named(
                    "Sergei Rachmaninoff-Satie, Jr. of the Very Long Name Society of Example Town");
            assertThat(sergei.phones()).containsExactly(
                    PhoneNumber.primary("+44 20 7946 0101", PhoneType.WORK),
                    PhoneNumber.of("+44 20 7946 0102", PhoneType.HOME));
        }
    }

    @Test
    void readsVCard40WithTelUrisAndPrefNumbers() throws Exception {
        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(fixture("apple-4.0.vcf")))) {
            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 0));
            Contact eleni = runs.named("Ελένη Οικονόμου");
            assertThat(eleni.sourceId()).isEqualTo("urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
            assertThat(eleni.phones()).containsExactly(
                    PhoneNumber.primary("+44-7700-900321", PhoneType.MOBILE),
                    PhoneNumber.of("+44-20-7946-0322 ext. 102", PhoneType.WORK));
            assertThat(eleni.groups()).containsExactly("Family", "Friends");
            assertThat(eleni.updatedAt()).isEqualTo(Instant.parse("2024-02-20T12:15:00Z"));
            // PREF=1 wins over PREF=2, whichever comes first.
            assertThat(runs.named("Ahmed Mansour").phones()).containsExactly(
                    PhoneNumber.of("+61 2 5550 0001", PhoneType.WORK),
                    PhoneNumber.primary("+61 2 5550 0002", PhoneType.HOME),
                    PhoneNumber.of("+61 2 5550 0003", PhoneType.OTHER));
        }
    }

    @Test
    void readsAWindows1252FileAsOlderOutlookVersionsWriteIt() throws Exception {
        Path file = dir.resolve("outlook.vcf");
        Files.write(file, String.join("\r\n", "BEGIN:VCARD", "VERSION:2.1", "N:Müller;Jürgen", "FN:Jürgen Müller",
                "ORG:Café Lumière", "TEL;WORK:+44 20 7946 0345", "END:VCARD", "").getBytes(Charset.forName("windows-1252")));

        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(file))) {
            assertThat(runs.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);

            assertThat(runs.named("Jürgen Müller").organization()).isEqualTo("Café Lumière");
        }
    }

    @Test
    void readsFilesWithAUtf8OrUtf16ByteOrderMark() throws Exception {
        String text = VCardRuns.card("bom-1", "Zoë Ångström", "+44 20 7946 0346") + "\r\n";
        Path utf8 = dir.resolve("utf8.vcf");
        Files.write(utf8, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)));
        Path utf16 = dir.resolve("utf16.vcf");
        Files.write(utf16, concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)));

        for (Path file : new Path[] {utf8, utf16}) {
            try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(file))) {
                assertThat(runs.run(SyncType.FULL).status()).as(file.getFileName().toString())
                        .isEqualTo(RunStatus.COMPLETED);
                assertThat(runs.named("Zoë Ångström").sourceId()).isEqualTo("bom-1");
            }
        }
    }

    @Test
    void readsVCardDataFromAStreamSuchAsAClasspathResource() throws Exception {
        VCardSyncEngine engine = new VCardSyncEngine("google-3.0.vcf",
                () -> VCardVersionsTest.class.getResourceAsStream("/vcard/google-3.0.vcf"));
        try (VCardRuns runs = new VCardRuns(engine)) {
            assertThat(runs.run(SyncType.FULL).stats().added()).isEqualTo(2);
        }
    }

    private Path fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = VCardVersionsTest.class.getResourceAsStream("/vcard/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Files.copy(in, file);
        }
        return file;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
