package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.contactsync.testkit.TestContacts.edited;
import static org.contactsync.testkit.TestContacts.people;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.testkit.RecordingListener;
import org.contactsync.testkit.ScriptedContactStore;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs that read ahead: the engine reads the next batch while the core writes the previous one on its own thread.
 * Pages and batches are both 5 contacts here, so each page read is one batch handed to the writer.
 */
class PipelinedRunTest {
    private static final int PAGE = 5;
    private static final int PAGES = 12;

    private final List<Contact> contacts = people(PAGE * PAGES);
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(PAGE).put(contacts);
    private final ScriptedContactStore store = new ScriptedContactStore(new InMemoryContactStore());
    private final SyncFixture sync = new SyncFixture(engine, new InMemorySyncStateStore(), store);
    private final SyncManager manager = sync.newNode("node-read-ahead", b -> b.batchSize(PAGE).readAhead(1));

    @AfterEach
    void closeAll() {
        sync.close();
    }

    @Test
    void aFailureOnTheReadingSideStopsTheRunAndDeletesNothing() throws Exception {
        run(manager, SyncType.FULL);
        String gone = contacts.get(0).sourceId();
        engine.remove(gone);
        engine.failNextRun(6, new ConnectException("Connection refused"));

        SyncRun run = run(manager, SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Could not reach the contact source");
        assertThat(run.stats().deleted()).isZero();
        assertThat(store.sourceIds()).contains(gone).hasSize(contacts.size());
    }

    @Test
    void aFailureOnTheWritingSideStopsTheReadAndDeletesNothing() throws Exception {
        run(manager, SyncType.FULL);
        String gone = contacts.get(contacts.size() - 1).sourceId();
        editEveryContact();
        engine.remove(gone);
        store.failWrite(2, new IllegalStateException("write failed", new SQLException("Connection is closed")));
        int pagesBefore = engine.pagesRead();

        SyncRun run = run(manager, SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Could not save contacts to the database");
        // The failed second batch, and the third that was being read meanwhile; then the read stopped.
        assertThat(engine.pagesRead() - pagesBefore).isLessThanOrEqualTo(3);
        assertThat(run.stats()).isEqualTo(new SyncStats(0, PAGE, 0, 0, 0));
        assertThat(store.sourceIds()).contains(gone).hasSize(contacts.size());
    }

    @Test
    void aCancelDuringAReadAheadStopsTheRunWithinOnePage() throws Exception {
        run(manager, SyncType.FULL);
        editEveryContact();
        ScriptedContactStore.Hold slowWrite = store.holdWrite(1);
        int pagesBefore = engine.pagesRead();
        long id = manager.trigger(SyncType.FULL).run().id();
        slowWrite.awaitReached();
        // The first batch is being written, and the engine reads the next page meanwhile.
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.pagesRead() - pagesBefore >= 2);
        int pagesAtCancel = engine.pagesRead();

        manager.cancel();
        slowWrite.release();
        SyncRun run = manager.await(id, Duration.ofSeconds(10)).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(engine.pagesRead() - pagesAtCancel).isLessThanOrEqualTo(1);
        assertThat(run.stats().deleted()).isZero();
        assertThat(run.stats().updated()).isEqualTo(PAGE);
        assertThat(store.sourceIds()).hasSize(contacts.size());
    }

    @Test
    void progressNeverGoesBackWhileTheEngineReadsAheadOfTheWrites() throws Exception {
        RecordingListener listener = new RecordingListener();
        manager.addListener(listener);
        run(manager, SyncType.FULL);
        editEveryContact();
        engine.remove(contacts.get(3).sourceId());
        run(manager, SyncType.FULL);

        List<RecordingListener.Event> events = listener.events();
        int secondStart = listener.kinds().lastIndexOf(RecordingListener.Kind.STARTED);
        for (List<RecordingListener.Event> oneRun : List.of(events.subList(0, secondStart),
                events.subList(secondStart, events.size()))) {
            List<SyncRun> progress = oneRun.stream().filter(e -> e.kind() == RecordingListener.Kind.PROGRESS)
                    .map(RecordingListener.Event::run).toList();
            assertThat(progress).hasSizeGreaterThan(PAGES);
            assertNeverDecreases(progress, SyncRun::percent, "percent");
            assertNeverDecreases(progress, r -> r.stats().added(), "added");
            assertNeverDecreases(progress, r -> r.stats().updated(), "updated");
            assertNeverDecreases(progress, r -> r.stats().deleted(), "deleted");
            assertNeverDecreases(progress, r -> r.stats().unchanged(), "unchanged");
        }
    }

    @Test
    void aBatchWrittenWhileTheEngineWaitsForTheNextPageShowsInTheStoredProgress() throws Exception {
        ScriptedSyncEngine.Gate slowPage = engine.blockNextRun(2);
        long id = manager.trigger(SyncType.FULL).run().id();
        slowPage.awaitReached();

        // Other nodes read the progress from the store: the first page's batch must reach it without a next page.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                sync.stateStore().findRun(id).orElseThrow().stats().added()).isEqualTo(PAGE));
        assertThat(manager.status().stats().added()).isEqualTo(PAGE);

        slowPage.release();
        assertThat(manager.await(id, Duration.ofSeconds(10)).orElseThrow().stats().added()).isEqualTo(contacts.size());
    }

    @Test
    void aRunWithReadAheadReportsTheSameStatsAndStoresTheSameContactsAsOneWithout() throws Exception {
        engine.withCursor().unreadable("people/broken", "bad data");
        ContactStore plainStore = new InMemoryContactStore();
        try (SyncFixture plain = new SyncFixture(engine, new InMemorySyncStateStore(), plainStore)) {
            SyncManager withoutReadAhead = plain.newNode("node-plain", b -> b.batchSize(PAGE).readAhead(0));
            SyncManager withReadAhead = sync.newNode("node-read-ahead-2", b -> b.batchSize(PAGE).readAhead(2));

            assertSameOutcome(withoutReadAhead, withReadAhead, SyncType.FULL);
            engine.put(edited(contacts.get(1), "+1 555 0999"), edited(contacts.get(20), "+1 555 0998"))
                    .remove(contacts.get(2).sourceId(), contacts.get(40).sourceId()).put(people(PAGE * PAGES + 3)
                            .subList(PAGE * PAGES, PAGE * PAGES + 3));
            assertSameOutcome(withoutReadAhead, withReadAhead, SyncType.INCREMENTAL);
            editEveryContact();
            engine.remove(contacts.get(10).sourceId());
            assertSameOutcome(withoutReadAhead, withReadAhead, SyncType.FULL);
            editEveryContact();
            engine.expireCursors();
            assertSameOutcome(withoutReadAhead, withReadAhead, SyncType.INCREMENTAL);
            editEveryContact();
            engine.failNextRun(7, new ConnectException("Connection refused"));
            engine.failNextRun(7, new ConnectException("Connection refused"));
            assertSameOutcome(withoutReadAhead, withReadAhead, SyncType.FULL);
            assertThat(hashes(plainStore)).isEqualTo(hashes(store));
        }
    }

    private void assertSameOutcome(SyncManager plain, SyncManager readingAhead, SyncType type) throws Exception {
        SyncRun a = run(plain, type);
        SyncRun b = run(readingAhead, type);
        assertThat(b.status()).isEqualTo(a.status());
        assertThat(b.type()).isEqualTo(a.type());
        assertThat(b.stats()).as("stats of a %s run with read-ahead", type).isEqualTo(a.stats());
    }

    private void editEveryContact() {
        for (Contact c : engine.contacts()) {
            engine.put(edited(c, "+1 555 " + (1000 + Math.abs(c.contentHash().hashCode() % 9000))));
        }
    }

    private static Map<String, String> hashes(ContactStore s) {
        Map<String, String> m = new HashMap<>();
        s.forEach(c -> m.put(c.sourceId(), c.contentHash()));
        return m;
    }

    private static void assertNeverDecreases(List<SyncRun> runs, ToIntFunction<SyncRun> field, String name) {
        assertThat(runs.stream().mapToInt(field).boxed().toList()).as(name + " as listeners heard it").isSorted();
    }

    private static SyncRun run(SyncManager node, SyncType type) throws Exception {
        return SyncFixture.runToEnd(node, type);
    }
}
