package org.contactsync.carddav;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.contactsync.contact.Contact;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.carddav.CardDavProxy;
import org.contactsync.testkit.carddav.RadicaleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CardDAV engine against a real CardDAV server (Radicale on 127.0.0.1), cards added, changed and deleted. */
class CardDavSyncEngineTest {
    @TempDir
    Path dir;
    private RadicaleServer radicale;
    private URI book;
    private SyncFixture sync;

    @BeforeEach
    void startServerWithThreeCards() throws Exception {
        radicale = RadicaleServer.start(dir);
        book = radicale.createAddressBook("contacts");
        radicale.put(book, "ann.vcf", card("ann", "Ann Archer", "+1 212 555 0101"));
        radicale.put(book, "bob.vcf", card("bob", "Bob Baker", "+1 212 555 0102"));
        radicale.put(book, "carol.vcf", card("carol", "Carol Carter", "+1 212 555 0103"));
    }

    @AfterEach
    void stop() {
        if (sync != null) {
            sync.close();
        }
        if (radicale != null) {
            radicale.close();
        }
    }

    @Test
    void aFullSyncImportsEveryCardAndKeepsTheSyncTokenAsTheCursor() throws Exception {
        sync = new SyncFixture(engine(book));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(3, 0, 0, 0, 0));
        assertThat(names()).containsExactly(
                Map.entry("/alice/contacts/ann.vcf", "Ann Archer +1 212 555 0101"),
                Map.entry("/alice/contacts/bob.vcf", "Bob Baker +1 212 555 0102"),
                Map.entry("/alice/contacts/carol.vcf", "Carol Carter +1 212 555 0103"));
        assertThat(sync.contacts().findBySourceId("/alice/contacts/ann.vcf").orElseThrow().etag()).isNotBlank();
        assertThat(sync.stateStore().cursor("carddav")).hasValueSatisfying(
                c -> assertThat(c).startsWith(CardDavSyncEngine.TOKEN_CURSOR + "http://radicale.org/ns/sync/"));
    }

    @Test
    void anIncrementalSyncReadsOnlyTheChangesThroughSyncCollection() throws Exception {
        sync = new SyncFixture(engine(book));
        sync.runToEnd(SyncType.FULL);
        radicale.put(book, "dan.vcf", card("dan", "Dan Dunn", "+1 212 555 0104"));
        radicale.put(book, "bob.vcf", card("bob", "Bob Baker-Brown", "+1 212 555 0122"));
        radicale.delete(book, "carol.vcf");

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);
        SyncRun nothingNew = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats()).isEqualTo(new SyncStats(1, 1, 1, 0, 0));
        assertThat(nothingNew.stats()).isEqualTo(SyncStats.ZERO);
        assertThat(names()).containsExactly(
                Map.entry("/alice/contacts/ann.vcf", "Ann Archer +1 212 555 0101"),
                Map.entry("/alice/contacts/bob.vcf", "Bob Baker-Brown +1 212 555 0122"),
                Map.entry("/alice/contacts/dan.vcf", "Dan Dunn +1 212 555 0104"));
    }

    @Test
    void aSyncTokenTheServerNoLongerAcceptsTurnsTheRunIntoAFullSync() throws Exception {
        sync = new SyncFixture(engine(book));
        sync.runToEnd(SyncType.FULL);
        sync.stateStore().saveCursor("carddav", CardDavSyncEngine.TOKEN_CURSOR + "http://radicale.org/ns/sync/0000");
        radicale.delete(book, "ann.vcf");

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.fellBackToFull()).isTrue();
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 1, 2, 0));
        assertThat(names()).containsOnlyKeys("/alice/contacts/bob.vcf", "/alice/contacts/carol.vcf");
    }

    @Test
    void aCardThatCannotBeReadIsSkippedAndItsStoredCopyKept() throws Exception {
        sync = new SyncFixture(engine(book));
        sync.runToEnd(SyncType.FULL);
        radicale.put(book, "bob.vcf", card("bob", "Bob Baker", "ask reception"));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 0, 2, 1));
        assertThat(run.error()).startsWith("1 of 3 contacts could not be read and was skipped: card"
                + " /alice/contacts/bob.vcf (\"Bob Baker\"): phone number \"ask reception\" has no digits");
        assertThat(names()).containsEntry("/alice/contacts/bob.vcf", "Bob Baker +1 212 555 0102");
    }

    @Test
    void aServerWithoutSyncCollectionIsReadByAFullListingEveryRun() throws Exception {
        try (CardDavProxy old = CardDavProxy.withoutSyncCollection(radicale.root())) {
            sync = new SyncFixture(engine(old.url(book)));
            SyncRun full = sync.runToEnd(SyncType.FULL);
            radicale.put(book, "dan.vcf", card("dan", "Dan Dunn", "+1 212 555 0104"));
            radicale.put(book, "bob.vcf", card("bob", "Bob Baker-Brown", "+1 212 555 0122"));
            radicale.delete(book, "carol.vcf");

            SyncRun incremental = sync.runToEnd(SyncType.INCREMENTAL);

            assertThat(full.status()).as(full.error()).isEqualTo(RunStatus.COMPLETED);
            assertThat(full.stats()).isEqualTo(new SyncStats(3, 0, 0, 0, 0));
            assertThat(incremental.status()).as(incremental.error()).isEqualTo(RunStatus.COMPLETED);
            assertThat(incremental.type()).isEqualTo(SyncType.INCREMENTAL);
            assertThat(incremental.stats()).isEqualTo(new SyncStats(1, 1, 1, 1, 0));
            assertThat(names()).containsOnlyKeys("/alice/contacts/ann.vcf", "/alice/contacts/bob.vcf",
                    "/alice/contacts/dan.vcf");
            assertThat(sync.stateStore().cursor("carddav")).hasValue(CardDavSyncEngine.LISTING_CURSOR);
            assertThat(old.refusedSyncCollections()).as("never asked: not advertised").isZero();
        }
    }

    @Test
    void aMissingAddressBookFailsWithASentenceNamingTheUrl() throws Exception {
        URI missing = radicale.root().resolve(RadicaleServer.USER + "/nope/");
        sync = new SyncFixture(engine(missing));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo("The CardDAV address book " + missing + " does not exist. Check its URL"
                + " (see docs/sources.md for the URL forms of common servers) and run the sync again.");
    }

    @Test
    void anUnreachableServerFailsWithASentence() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        sync = new SyncFixture(engine(URI.create("http://127.0.0.1:" + port + "/alice/contacts/")));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo("Could not reach the CardDAV server 127.0.0.1: connection refused. Check"
                + " its address and the network, then run the sync again.");
    }

    private static CardDavSyncEngine engine(URI url) {
        return new CardDavSyncEngine(CardDavSettings.of(url, RadicaleServer.USER, RadicaleServer.PASSWORD));
    }

    private Map<String, String> names() {
        Map<String, String> m = new TreeMap<>();
        sync.contacts().forEach((Contact c) -> m.put(c.sourceId(), c.displayName() + " "
                + c.phones().get(0).number()));
        return m;
    }

    private static String card(String uid, String name, String phone) {
        return "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + uid + "\r\nFN:" + name + "\r\nN:" + name + ";;;;\r\nTEL;TYPE=CELL:"
                + phone + "\r\nEND:VCARD\r\n";
    }
}
