package org.contactsync.vcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;

/** A real SyncManager over the in-memory stores, driving a vCard engine one run at a time. */
final class VCardRuns implements AutoCloseable {
    final ContactStore contacts = new InMemoryContactStore();
    final SyncManager manager;

    VCardRuns(SyncEngine engine, ProgressListener... listeners) {
        this(engine, 500, listeners);
    }

    VCardRuns(SyncEngine engine, int batchSize, ProgressListener... listeners) {
        SyncManager.Builder b = SyncManager.builder()
                .engine(engine)
                .stateStore(new InMemorySyncStateStore())
                .contactStore(contacts)
                .batchSize(batchSize)
                .nodeId("vcard-test");
        for (ProgressListener l : listeners) {
            b.listener(l);
        }
        this.manager = b.build();
    }

    /** Starts a run and waits for its end; returns the run as stored. */
    SyncRun run(SyncType type) throws Exception {
        TriggerResult started = manager.trigger(type);
        assertThat(started).isInstanceOf(TriggerResult.Started.class);
        return manager.await(started.run().id(), Duration.ofSeconds(30)).orElseThrow();
    }

    /** Every stored contact by display name (names are unique in the files these tests use). */
    Map<String, Contact> byName() {
        Map<String, Contact> map = new LinkedHashMap<>();
        contacts.forEach(c -> map.put(c.displayName(), c));
        return map;
    }

    /** Every stored contact, in the store's order: two equal snapshots mean nothing was written. */
    List<Contact> snapshot() {
        List<Contact> list = new ArrayList<>();
        contacts.forEach(list::add);
        return list;
    }

    Contact named(String displayName) {
        Contact c = byName().get(displayName);
        assertThat(c).as("stored contact named %s", displayName).isNotNull();
        return c;
    }

    static Path write(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        return file;
    }

    /** A minimal vCard 3.0 card: 6 lines, 5 without UID. */
    static String card(String uid, String name, String phone) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCARD", "VERSION:3.0"));
        if (uid != null) {
            lines.add("UID:" + uid);
        }
        lines.add("FN:" + name);
        lines.add("TEL;TYPE=CELL:" + phone);
        lines.add("END:VCARD");
        return String.join("\r\n", lines);
    }

    @Override
    public void close() {
        manager.close();
    }
}
