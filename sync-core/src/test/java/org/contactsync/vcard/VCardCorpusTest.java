package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files as real exporters write them (sync-core/src/test/resources/vcard/corpus, one quirk a file, plus files mixing
 * them): every card is imported with the expected name and numbers, and the run completes without errors.
 *
 * <p>A card is written here as "name: number type[*], …" ({@code *} marks the preferred number), in file order.
 */
class VCardCorpusTest {
    @TempDir
    Path dir;

    static Stream<Arguments> corpus() {
        return Stream.of(
                files("qp-soft-breaks.vcf", "Ayşe Öztürk-Yılmaz: +90 212 555 0100 MOBILE"),
                files("charset-shift-jis.vcf", "山田 太郎: 090-5550-0101 MOBILE", "佐藤 花子: 03-5550-0102 HOME"),
                files("charset-windows-1250.vcf", "Łukasz Żółć: +48 22 555 01 03 WORK"),
                files("charset-windows-1252.vcf", "François Müller: +33 1 99 00 01 04 WORK"),
                files("charset-iso-8859.vcf", "José Núñez: +34 91 555 0105 OTHER",
                        "Antonín Dvořák: +420 2 5550 0106 OTHER", "Γιώργος Παπαδόπουλος: +30 21 5550 0107 OTHER",
                        "Иван Петров: +7 495 555 0108 OTHER"),
                files("backslash-continuation.vcf",
                        "Maximilian Alexander von Hohenberg-Schwarzenfeld: +49 30 5550 0109 WORK"),
                files("fold-splits-utf8-character.vcf", "Jürgen Schröder: +49 170 5550 0110 MOBILE"),
                files("undeclared-windows-1252.vcf", "Renée Dubois: +33 1 99 00 01 11 WORK",
                        "Søren Kierkegård: +45 5550 0112 OTHER"),
                files("utf8-bom.vcf", "Zoë Ångström: +46 8 5550 0113 OTHER"),
                files("cr-cr-lf.vcf", "Carla Crlf: +1 212 555 0114 OTHER"),
                files("mixed-line-endings.vcf", "Mia Mixed: +1 212 555 0115 OTHER", "Max Mixed: +1 212 555 0116 OTHER"),
                files("blank-lines.vcf", "Bea Blank: +1 212 555 0117 OTHER", "Ben Blank: +1 212 555 0118 OTHER"),
                files("comments-and-stray-lines.vcf", "Cora Comment: +1 212 555 0119 MOBILE",
                        "Cody Comment: +1 212 555 0120 HOME"),
                files("nested-agent.vcf", "Charlie Brown: (617) 555-0121 HOME"),
                files("version-4-without-dot.vcf", "Vera Four: +1-212-555-0123 MOBILE"),
                files("no-version.vcf", "Nora Noversion: +1 212 555 0124 MOBILE"),
                files("no-fn.vcf", "Nils Nofn: +1 212 555 0125 HOME", "Acme Plumbing: +1 212 555 0126 WORK"),
                files("apple-item-labels.vcf", "Abe Label: +1 212 555 0127 MOBILE, +1 212 555 0128 WORK,"
                        + " +1 212 555 0129 HOME*"),
                files("tel-types.vcf",
                        "Tina Types: +1 212 555 0130 WORK, +1 212 555 0131 MOBILE*, +1 212 555 0132 MAIN",
                        "Theo Types: +1 212 555 0133 MAIN, +1-212-555-0134 OTHER",
                        "Tom Types: +1-212-555-0135 ext. 12 WORK*, +1-212-555-0136 MOBILE"),
                files("mixed-android-export.vcf",
                        "Milica Đorđević: +381 11 555 0137 MOBILE*, +381 11 555 0138 WORK",
                        "Olaf Old: +47 5550 0139 HOME"),
                files("mixed-concatenated-exports.vcf", "Gérard Lefèvre: +33 1 99 00 01 40 WORK",
                        "Ingrid Åberg: +46 8 5550 0141 MOBILE", "Paweł Wiśniewski: +48-22-555-0142 MOBILE"));
    }

    private static Arguments files(String file, String... cards) {
        return Arguments.of(file, List.of(cards));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCardOfARealWorldFileIsImportedWithItsNameAndNumbers(String file, List<String> expected)
            throws Exception {
        Path copy = dir.resolve(file);
        Files.copy(Path.of("src/test/resources/vcard/corpus", file), copy);
        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(copy))) {
            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.error()).isNull();
            assertThat(run.stats().errors()).isZero();
            assertThat(run.stats().added()).isEqualTo(expected.size());
            assertThat(runs.snapshot().stream().map(VCardCorpusTest::describe))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void aCardWithAPhotoOfSeveralHundredKilobytesIsImportedInVersion21And30() throws Exception {
        byte[] photo = new byte[600 * 1024];
        new Random(42).nextBytes(photo);
        String b64 = Base64.getEncoder().encodeToString(photo);
        StringBuilder folded30 = new StringBuilder("PHOTO;ENCODING=b;TYPE=JPEG:");
        StringBuilder unindented21 = new StringBuilder("PHOTO;ENCODING=BASE64;TYPE=JPEG:");
        for (int i = 0; i < b64.length(); i += 72) {
            String chunk = b64.substring(i, Math.min(b64.length(), i + 72));
            folded30.append(i == 0 ? "" : "\r\n ").append(chunk);
            unindented21.append(i == 0 ? "" : "\r\n").append(chunk); // Outlook-style: no indent, a blank line after
        }
        Path file = VCardRuns.write(dir.resolve("photos.vcf"),
                "BEGIN:VCARD", "VERSION:3.0", "FN:Paula Photo", folded30.toString(), "TEL:+1 212 555 0150",
                "END:VCARD",
                "BEGIN:VCARD", "VERSION:2.1", "FN:Peter Photo", unindented21.toString(), "",
                "TEL;CELL:+1 212 555 0151", "END:VCARD");
        assertThat(Files.size(file)).isGreaterThan(1_500_000);

        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(file))) {
            SyncRun run = runs.run(SyncType.FULL);

            assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
            assertThat(run.stats().errors()).isZero();
            assertThat(runs.snapshot().stream().map(VCardCorpusTest::describe))
                    .containsExactlyInAnyOrder("Paula Photo: +1 212 555 0150 OTHER",
                            "Peter Photo: +1 212 555 0151 MOBILE");
        }
    }

    @Test
    void undeclaredBytesThatAreNotUtf8AreReadAsWindows1252UnlessAnotherFallbackIsConfigured() throws Exception {
        byte[] card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Łódź Żak\r\nTEL:+48 42 555 0160\r\nEND:VCARD\r\n")
                .getBytes(Charset.forName("windows-1250"));
        Path file = dir.resolve("central-european.vcf");
        Files.write(file, card);

        assertThat(importedNames(new VCardSyncEngine(file))).containsExactly("£ódŸ ¯ak");
        assertThat(importedNames(new VCardSyncEngine(file).withFallbackCharset(Charset.forName("windows-1250"))))
                .containsExactly("Łódź Żak");
    }

    @Test
    void aCharsetParameterWinsOverTheFallbackAndUtf8LinesStayUtf8InTheSameCard() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("BEGIN:VCARD\r\nVERSION:2.1\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes("FN;CHARSET=ISO-8859-7:Ελένη\r\n".getBytes(Charset.forName("ISO-8859-7")));
        out.writeBytes("ORG:Ärzte Straße\r\nTEL:+30 21 5550 0161\r\nEND:VCARD\r\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("greek.vcf");
        Files.write(file, out.toByteArray());

        try (VCardRuns runs = new VCardRuns(new VCardSyncEngine(file).withFallbackCharset(StandardCharsets.UTF_16))) {
            runs.run(SyncType.FULL);
            Contact c = runs.named("Ελένη");
            assertThat(c.organization()).isEqualTo("Ärzte Straße");
        }
    }

    private static List<String> importedNames(VCardSyncEngine engine) throws Exception {
        try (VCardRuns runs = new VCardRuns(engine)) {
            assertThat(runs.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);
            return runs.snapshot().stream().map(Contact::displayName).toList();
        }
    }

    private static String describe(Contact c) {
        return c.displayName() + ": " + c.phones().stream().map(VCardCorpusTest::describe)
                .collect(Collectors.joining(", "));
    }

    private static String describe(PhoneNumber p) {
        return p.number() + " " + p.type() + (p.primary() ? "*" : "");
    }
}
