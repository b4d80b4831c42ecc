package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.testkit.carddav.RadicaleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A carddav source configured by its keys in the WAR reads a real Radicale address book, first all, then changes. */
class CardDavSourceTest {
    @TempDir
    Path dir;
    private RadicaleServer radicale;
    private EmbeddedApp app;

    @BeforeEach
    void start() throws Exception {
        radicale = RadicaleServer.start(dir);
        URI book = radicale.createAddressBook("sales");
        radicale.put(book, "ann.vcf", card("ann", "Ann Archer", "+1 212 555 0101"));
        radicale.put(book, "bob.vcf", card("bob", "Bob Baker", "+1 212 555 0102"));
        app = EmbeddedApp.start(dir.resolve("data"), Map.of(
                "contactsync.sources", "sales",
                "contactsync.source.sales.type", "carddav",
                "contactsync.source.sales.url", book.toString(),
                "contactsync.source.sales.username", RadicaleServer.USER,
                "contactsync.source.sales.password", RadicaleServer.PASSWORD), b -> b);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (radicale != null) {
            radicale.close();
        }
    }

    @Test
    void theAddressBookIsImportedAndThenReadIncrementally() throws Exception {
        SyncRun first = run();
        assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 0));

        URI book = radicale.root().resolve(RadicaleServer.USER + "/sales/");
        radicale.put(book, "bob.vcf", card("bob", "Bob Baker-Smith", "+1 212 555 0102"));
        radicale.delete(book, "ann.vcf");
        SyncRun second = run();

        assertThat(second.status()).as(second.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(second.stats().updated()).isEqualTo(1);
        assertThat(second.stats().deleted()).isEqualTo(1);
        assertThat(app.application().database().contactStore().sourceIds("sales"))
                .containsExactly("/alice/sales/bob.vcf");
    }

    private SyncRun run() throws Exception {
        SyncManager manager = app.application().manager();
        TriggerResult started = manager.trigger(new RunRequest(SyncType.INCREMENTAL, SyncTrigger.MANUAL));
        long id = ((TriggerResult.Started) started).run().id();
        return manager.await(id, Duration.ofSeconds(60)).orElseThrow();
    }

    private static String card(String uid, String name, String phone) {
        return String.join("\r\n", "BEGIN:VCARD", "VERSION:3.0", "UID:" + uid, "FN:" + name, "TEL:" + phone,
                "END:VCARD", "");
    }
}
