package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.contactsync.vcard.VCardRuns.card;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.contactsync.contact.Contact;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncSourceException;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A broken or unreadable file fails the run with a message that names the file and the card/line and says what to
 * do, and leaves the stored contacts exactly as they were, even when the good cards before the broken one would
 * have added, changed or removed contacts.
 */
class VCardMalformedFileTest {
    private static final String FIX = ". Fix or re-export the file and run the sync again.";
    private static final String GOOD_1 = card("n1", "New Person One", "+1 212 555 0111");
    private static final String GOOD_2 = card("n2", "New Person Two", "+1 212 555 0112");

    @TempDir
    Path dir;
    private Path file;
    private VCardRuns runs;
    private List<Contact> stored;
    private long storedVersion;

    @BeforeEach
    void importAGoodFile() throws Exception {
        file = dir.resolve("contacts.vcf");
        VCardRuns.write(file,
                card("u1", "Alice Archer", "+1 212 555 0101"),
                card("u2", "Bob Baker", "+1 212 555 0102"),
                card("u3", "Carol Carter", "+1 212 555 0103"));
        runs = new VCardRuns(new VCardSyncEngine(file));
        assertThat(runs.run(SyncType.FULL).stats().added()).isEqualTo(3);
        stored = runs.snapshot();
        storedVersion = runs.contacts.version();
    }

    @AfterEach
    void close() {
        runs.close();
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("a text file that is not a vCard file",
                        text("Dear Alice,", "here are the contacts you asked for."),
                        "contacts.vcf is not a valid vCard file: line 1 should start a card with BEGIN:VCARD but"
                                + " reads \"Dear Alice,\"" + FIX),
                Arguments.of("an empty file",
                        new byte[0],
                        "contacts.vcf is not a valid vCard file: it is empty (it has no BEGIN:VCARD)" + FIX),
                Arguments.of("a file of blank lines",
                        text("", "   ", ""),
                        "contacts.vcf is not a valid vCard file: it is empty (it has no BEGIN:VCARD)" + FIX),
                Arguments.of("binary garbage (a PNG image)",
                        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D',
                            'R'},
                        "contacts.vcf is not a valid vCard file: it contains binary data (line 2), so it is not a"
                                + " text file of contacts" + FIX),
                Arguments.of("binary data after good cards",
                        concat(text(GOOD_1), new byte[] {'B', 'E', 'G', 0, 1, 2, 3}),
                        "contacts.vcf is not a valid vCard file: it contains binary data (line 7), so it is not a"
                                + " text file of contacts" + FIX),
                Arguments.of("a file cut off in its last card",
                        text(GOOD_1, GOOD_2, "BEGIN:VCARD", "VERSION:3.0", "FN:Cut Off"),
                        "contacts.vcf is not a valid vCard file: card 3 (line 13): no END:VCARD; the file ends in"
                                + " the middle of this card and was probably cut off" + FIX),
                Arguments.of("END:VCARD with nothing open",
                        text("END:VCARD", GOOD_1),
                        "contacts.vcf is not a valid vCard file: line 1 has END:VCARD without a BEGIN:VCARD"
                                + " before it" + FIX),
                Arguments.of("a file whose first text is not a card, even with good cards after it",
                        text("Exported by PhoneTool 1.0", GOOD_1, GOOD_2),
                        "contacts.vcf is not a valid vCard file: line 1 should start a card with BEGIN:VCARD but"
                                + " reads \"Exported by PhoneTool 1.0\"" + FIX),
                Arguments.of("a file of comment lines only",
                        text("# exported contacts", "# none"),
                        "contacts.vcf is not a valid vCard file: it is empty (it has no BEGIN:VCARD)" + FIX),
                Arguments.of("a file cut off inside a nested AGENT card",
                        text(GOOD_1, "BEGIN:VCARD", "VERSION:2.1", "FN:Boss", "AGENT:", "BEGIN:VCARD",
                                "FN:Assistant", "END:VCARD"),
                        "contacts.vcf is not a valid vCard file: card 2 (line 7): no END:VCARD; the file ends in"
                                + " the middle of this card and was probably cut off" + FIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileFailsTheFullSyncWithAClearMessageAndChangesNothing(String what, byte[] content,
                                                                        String message) throws Exception {
        Files.write(file, content);

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(message);
        assertThat(run.errorDetail()).startsWith(file.toString());
        assertThat(run.stats()).isEqualTo(SyncStats.ZERO);
        assertStoreUnchanged();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileFailsTheIncrementalSyncAndChangesNothing(String what, byte[] content, String message)
            throws Exception {
        Files.write(file, content);

        SyncRun run = runs.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(message);
        assertStoreUnchanged();
    }

    @Test
    void aDryRunOfABrokenFileFailsWithTheSameMessage() throws Exception {
        Files.write(file, text(GOOD_1, "BEGIN:VCARD", "VERSION:3.0"));

        assertThatThrownBy(() -> runs.manager.preview(SyncType.FULL))
                .isInstanceOf(SyncSourceException.class)
                .hasMessage("contacts.vcf is not a valid vCard file: card 2 (line 7): no END:VCARD; the file ends"
                        + " in the middle of this card and was probably cut off" + FIX);
    }

    @Test
    void aMissingFileFailsTheRunNamingThePath() throws Exception {
        Files.delete(file);

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo("Could not read the vCard file " + file
                + ": it does not exist. Check the file's path (or export the contacts again) and run the sync again.");
        assertStoreUnchanged();
    }

    @Test
    void aFolderInsteadOfAFileFailsTheRun() throws Exception {
        try (VCardRuns folderRuns = new VCardRuns(new VCardSyncEngine(dir))) {
            SyncRun run = folderRuns.run(SyncType.FULL);

            assertThat(run.status()).isEqualTo(RunStatus.ERROR);
            assertThat(run.error()).isEqualTo("Could not read the vCard file " + dir
                    + ": it is a folder, not a file. Set the path of the .vcf file itself and run the sync again.");
        }
    }

    @Test
    void aMissingClasspathResourceFailsTheRunNamingIt() throws Exception {
        VCardSyncEngine engine = new VCardSyncEngine("nowhere.vcf",
                () -> VCardMalformedFileTest.class.getResourceAsStream("/vcard/nowhere.vcf"));
        try (VCardRuns streamRuns = new VCardRuns(engine)) {
            SyncRun run = streamRuns.run(SyncType.FULL);

            assertThat(run.status()).isEqualTo(RunStatus.ERROR);
            assertThat(run.error()).startsWith("Could not read the vCard file nowhere.vcf: it does not exist.");
        }
    }

    @Test
    void theNextRunAfterTheFileIsFixedSucceeds() throws Exception {
        Files.write(file, text(GOOD_1, "BEGIN:VCARD"));
        assertThat(runs.run(SyncType.FULL).status()).isEqualTo(RunStatus.ERROR);

        VCardRuns.write(file, GOOD_1, GOOD_2);
        SyncRun fixed = runs.run(SyncType.FULL);

        assertThat(fixed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(fixed.stats()).isEqualTo(new SyncStats(2, 0, 3, 0, 0));
    }

    private void assertStoreUnchanged() {
        assertThat(runs.snapshot()).isEqualTo(stored);
        assertThat(runs.contacts.version()).as("no write at all").isEqualTo(storedVersion);
    }

    private static byte[] text(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
