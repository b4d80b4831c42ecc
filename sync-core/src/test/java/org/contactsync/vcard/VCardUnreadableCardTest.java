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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * One card that cannot be read does not cost the rest of the file: it is skipped, counted as an error, named in the
 * run's warning and detail, and its stored copy is kept, in full and incremental runs alike.
 */
class VCardUnreadableCardTest {
    private static final String ALICE = card("u1", "Alice Archer", "+1 212 555 0101");
    private static final String BOB = card("u2", "Bob Baker", "+1 212 555 0102");
    private static final String CAROL = card("u3", "Carol Carter", "+1 212 555 0103");
    private static final String DAN = card(null, "Dan Dunn", "+1 212 555 0104");

    @TempDir
    Path dir;
    private Path file;
    private VCardRuns runs;
    private Contact carol;
    private Contact dan;

    @BeforeEach
    void importAGoodFile() throws Exception {
        file = dir.resolve("contacts.vcf");
        VCardRuns.write(file, ALICE, BOB, CAROL, DAN);
        runs = new VCardRuns(new VCardSyncEngine(file));
        assertThat(runs.run(SyncType.FULL).stats().added()).isEqualTo(4);
        carol = runs.named("Carol Carter");
        dan = runs.named("Dan Dunn");
    }

    @AfterEach
    void close() {
        runs.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SyncType.class)
    void aCardWithAnUnknownVersionIsSkippedNamedInTheWarningAndItsStoredCopyKept(SyncType type) throws Exception {
        VCardRuns.write(file, ALICE, BOB,
                "BEGIN:VCARD", "VERSION:5.0", "UID:u3", "FN:Carol Carter-Cooper", "TEL:+1 212 555 0199", "END:VCARD",
                DAN);

        SyncRun run = runs.run(type);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats().errors()).isEqualTo(1);
        assertThat(run.stats().deleted()).isZero();
        assertThat(run.error()).isEqualTo("1 of 4 contacts could not be read and was skipped: card 3 (line 13,"
                + " \"Carol Carter-Cooper\"): \"VERSION:5.0\" is not a vCard version this reader knows (2.1, 3.0 or"
                + " 4.0). Stored copies of skipped contacts are kept. Fix them at the source and run the sync again.");
        assertThat(run.errorDetail()).contains("a stored copy of each is kept", "card 3 (line 13");
        assertThat(runs.named("Carol Carter")).isEqualTo(carol);
    }

    @Test
    void aCardCutOffBeforeTheNextCardIsSkippedAndTheCardsAfterItAreImported() throws Exception {
        VCardRuns.write(file, ALICE, "BEGIN:VCARD", "VERSION:3.0", "UID:u2", "FN:Bob Ba", BOB.replace("u2", "u5")
                .replace("Bob Baker", "Eve Early"), CAROL, DAN);

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(1, 0, 0, 3, 1));
        assertThat(run.error()).startsWith("1 of 5 contacts could not be read and was skipped: card 2 (line 7,"
                + " \"Bob Ba\"): no END:VCARD before the next BEGIN:VCARD on line 11; the card is incomplete.");
        assertThat(runs.byName()).containsOnlyKeys("Alice Archer", "Bob Baker", "Eve Early", "Carol Carter",
                "Dan Dunn");
    }

    @Test
    void propertiesBetweenCardsAreACardThatLostItsBeginAndItsStoredCopyIsKept() throws Exception {
        VCardRuns.write(file, ALICE, "VERSION:3.0", "UID:u2", "FN:Bob Baker", "END:VCARD", CAROL, DAN);

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 0, 3, 1));
        assertThat(run.error()).contains("card 2 (line 7, \"Bob Baker\"): it has no BEGIN:VCARD (text outside any"
                + " card: \"VERSION:3.0\")");
        assertThat(runs.byName()).containsKey("Bob Baker");
    }

    @Test
    void textBetweenCardsThatIsNotPropertiesIsIgnored() throws Exception {
        VCardRuns.write(file, ALICE, "-- page 2 --", BOB, "END:VCARD", CAROL, DAN);

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.error()).isNull();
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 0, 4, 0));
    }

    @Test
    void anUnreadableCardWithoutUidKeepsEveryStoredContactWithoutUidThatIsNotInTheFile() throws Exception {
        VCardRuns.write(file, ALICE, BOB, CAROL, "BEGIN:VCARD", "VERSION:9", "FN:Dan Dunn", "END:VCARD");

        SyncRun full = runs.run(SyncType.FULL);
        SyncRun incremental = runs.run(SyncType.INCREMENTAL);

        assertThat(full.stats()).isEqualTo(new SyncStats(0, 0, 0, 4, 1));
        assertThat(incremental.stats()).isEqualTo(new SyncStats(0, 0, 0, 4, 1));
        assertThat(full.errorDetail()).contains("it shows no UID, so the stored contacts without UID that are not in"
                + " the file are kept this time");
        assertThat(runs.named("Dan Dunn")).isEqualTo(dan);

        VCardRuns.write(file, ALICE, BOB, CAROL);
        assertThat(runs.run(SyncType.FULL).stats().deleted()).as("removed once every card is read").isEqualTo(1);
    }

    @Test
    void theWarningNamesAtMostThreeCardsAndTheDetailNamesThemAll() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            many.append(card("bad" + i, "Broken " + i, "no number")).append("\r\n");
        }
        VCardRuns.write(file, ALICE, many.toString().strip());

        SyncRun run = runs.run(SyncType.FULL);

        assertThat(run.error()).startsWith("5 of 6 contacts could not be read and were skipped: card 2 (line 7,"
                + " \"Broken 0\"): phone number \"no number\" has no digits; card 3")
                .contains("; and 2 more (see the details).").doesNotContain("Broken 3");
        assertThat(run.errorDetail()).contains("\"Broken 3\"", "\"Broken 4\"");
    }
}
