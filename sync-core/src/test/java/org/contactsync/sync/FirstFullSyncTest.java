package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.testkit.TestContacts.edited;
import static org.contactsync.testkit.TestContacts.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;
import org.contactsync.testkit.ForwardingContactStore;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full sync of a source that has no stored contact yet has no stored hashes to compare with: it looks up only
 * what it has itself written in this run, and hands the rest to the store as new.
 */
class FirstFullSyncTest {
    private static final int BATCH = 4;

    private final CountingStore store = new CountingStore();
    private final List<Contact> contacts = people(10);

    @AfterEach
    void close() {
        fixtures.forEach(SyncFixture::close);
    }

    private final List<SyncFixture> fixtures = new ArrayList<>();

    @Test
    void aFirstFullSyncLooksUpNothingAndAddsEveryContactAsNew() throws Exception {
        SyncManager manager = node(new ScriptedSyncEngine().pageSize(3).put(contacts));

        SyncRun first = SyncFixture.runToEnd(manager, SyncType.FULL);

        assertThat(first.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(first.stats()).isEqualTo(new SyncStats(10, 0, 0, 0, 0));
        assertThat(store.lookedUp.get()).isZero();
        assertThat(store.writtenAsNew.get()).isEqualTo(10);
        assertThat(store.count()).isEqualTo(10);
    }

    @Test
    void aFullSyncOfASourceThatHasContactsComparesEveryOneWithItsStoredCopy() throws Exception {
        ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(3).put(contacts);
        SyncManager manager = node(engine);
        SyncFixture.runToEnd(manager, SyncType.FULL);
        engine.put(edited(contacts.get(0), "+1 555 0199"));
        store.lookedUp.set(0);
        store.writtenAsNew.set(0);

        SyncRun second = SyncFixture.runToEnd(manager, SyncType.FULL);

        assertThat(second.stats()).isEqualTo(new SyncStats(0, 1, 0, 9, 0));
        assertThat(store.lookedUp.get()).isEqualTo(10);
        assertThat(store.writtenAsNew.get()).isZero();
    }

    @Test
    void aContactReportedTwiceInAFirstFullSyncIsStoredOnceAndItsSecondCopyComparedWithTheFirst() throws Exception {
        Contact twice = contacts.get(0);
        Contact changed = edited(twice, "+1 555 0100");
        SyncEngine engine = new SyncEngine() {
            @Override
            public String name() {
                return "twice";
            }

            @Override
            public void sync(SyncContext context) {
                context.upsert(twice);
                for (Contact c : contacts.subList(1, contacts.size())) {
                    context.upsert(c); // more than a batch: the second copy comes in a later batch
                }
                context.upsert(twice);
                context.upsert(changed);
                context.progress(100, "Done");
            }
        };

        SyncRun run = SyncFixture.runToEnd(node(engine), SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(10, 1, 0, 0, 0));
        assertThat(store.count()).isEqualTo(10);
        assertThat(store.findBySourceId(twice.sourceId()).orElseThrow().contentHash())
                .isEqualTo(changed.contentHash());
    }

    private SyncManager node(SyncEngine engine) {
        SyncFixture fixture = new SyncFixture(engine, new InMemorySyncStateStore(), store);
        fixtures.add(fixture);
        return fixture.newNode("node-first-sync", b -> b.batchSize(BATCH).readAhead(1));
    }

    /** Counts the ids whose hashes were asked for and the contacts written as new. */
    private static final class CountingStore extends ForwardingContactStore {
        final AtomicInteger lookedUp = new AtomicInteger();
        final AtomicInteger writtenAsNew = new AtomicInteger();

        CountingStore() {
            super(new InMemoryContactStore());
        }

        @Override
        public Map<String, String> contentHashes(String source, Collection<String> sourceIds) {
            lookedUp.addAndGet(sourceIds.size());
            return super.contentHashes(source, sourceIds);
        }

        @Override
        public void writeNew(String source, List<Contact> added, RunChangeLog log, long runId,
                             List<ContactChange> listed, int beyondCap) {
            writtenAsNew.addAndGet(added.size());
            super.writeNew(source, added, log, runId, listed, beyondCap);
        }
    }
}
