package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.contactsync.testkit.TestContacts.edited;
import static org.contactsync.testkit.TestContacts.person;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.contactsync.contact.Contact;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a run changes in the local copy: stats, deletions, cursors, fallbacks to full, dry runs. */
class SyncManagerChangesTest {
    private final Contact ann = person("Ann Lee", "+1 555 0100");
    private final Contact bob = person("Bob Stone", "+1 555 0101");
    private final Contact cy = person("Cy Young", "+1 555 0102");
    private final Contact dee = person("Dee Park", "+1 555 0103");
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().pageSize(1).put(ann, bob, cy);
    // Batches of one: what a failing run wrote before it failed is visible.
    private final SyncFixture sync = new SyncFixture(engine);
    private final SyncManager manager = sync.newNode("node-small-batches", b -> b.batchSize(1));

    @AfterEach
    void closeAll() {
        sync.close();
    }

    @Test
    void statsCountWhatTheRunChanged() throws Exception {
        assertThat(run(SyncType.FULL).stats()).isEqualTo(new SyncStats(3, 0, 0, 0, 0));
        engine.put(edited(ann, "+1 555 0999"), dee).remove(cy.sourceId());
        engine.unreadable("people/broken", "bad data");

        SyncRun run = run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(1, 1, 1, 1, 1));
        assertThat(storedIds()).containsExactlyInAnyOrder(ann.sourceId(), bob.sourceId(), dee.sourceId());
        assertThat(sync.contacts().findBySourceId(ann.sourceId())).get()
                .extracting(c -> c.phones().get(0).number()).isEqualTo("+1 555 0999");
    }

    @Test
    void aFullSyncRemovesContactsGoneFromTheSourceOnlyAfterTheWholeSourceWasRead() throws Exception {
        run(SyncType.FULL);
        engine.remove(cy.sourceId());
        ScriptedSyncEngine.Gate gate = engine.blockNextRun(ScriptedSyncEngine.AFTER_LAST_PAGE);

        long id = manager.trigger(SyncType.FULL).run().id();
        gate.awaitReached();
        assertThat(storedIds()).as("every page read, engine not yet returned").contains(cy.sourceId());
        gate.release();
        SyncRun run = manager.await(id, java.time.Duration.ofSeconds(10)).orElseThrow();

        assertThat(run.stats().deleted()).isEqualTo(1);
        assertThat(storedIds()).containsExactlyInAnyOrder(ann.sourceId(), bob.sourceId());
    }

    @Test
    void aFullSyncThatFailsPartWayDeletesNothingAndKeepsWhatItWrote() throws Exception {
        run(SyncType.FULL);
        Contact annEdited = edited(ann, "+1 555 0999");
        engine.put(annEdited).remove(cy.sourceId());
        engine.failNextRun(2, new ConnectException("Connection refused"));

        SyncRun run = run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(storedIds()).containsExactlyInAnyOrder(ann.sourceId(), bob.sourceId(), cy.sourceId());
        // Page 1 (Ann's edit) was written whole before the failure; nothing was deleted.
        assertThat(sync.contacts().findBySourceId(ann.sourceId()).orElseThrow().contentHash())
                .isEqualTo(annEdited.contentHash());
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 1, 0, 0, 0));
    }

    @Test
    void aFailedRunsStatsCountOnlyWhatReachedTheStore() throws Exception {
        engine.failNextRun(3, new ConnectException("Connection refused"));

        SyncRun run = run(SyncType.FULL);

        assertThat(run.stats().added()).isEqualTo(2);
        assertThat(sync.contacts().count()).isEqualTo(2);
    }

    @Test
    void anIncrementalRunStoresItsNewCursorOnlyWhenItCompletes() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        Optional<String> afterFull = sync.stateStore().cursor(engine.name());
        assertThat(afterFull).isPresent();
        engine.put(dee);
        engine.failNextRun(ScriptedSyncEngine.AFTER_LAST_PAGE, new ConnectException("Connection refused"));

        SyncRun failed = run(SyncType.INCREMENTAL);

        assertThat(failed.status()).isEqualTo(RunStatus.ERROR);
        assertThat(sync.stateStore().cursor(engine.name())).isEqualTo(afterFull);

        SyncRun ok = run(SyncType.INCREMENTAL);

        assertThat(ok.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(ok.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(engine.calls()).last().extracting(ScriptedSyncEngine.Call::cursor).isEqualTo(afterFull);
        assertThat(sync.stateStore().cursor(engine.name())).isPresent().isNotEqualTo(afterFull);
        assertThat(storedIds()).contains(dee.sourceId());
    }

    @Test
    void anIncrementalRunAppliesTheDeletionsTheSourceReports() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        engine.remove(bob.sourceId());

        SyncRun run = run(SyncType.INCREMENTAL);

        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 1, 0, 0));
        assertThat(storedIds()).containsExactlyInAnyOrder(ann.sourceId(), cy.sourceId());
    }

    @Test
    void anExpiredCursorTurnsTheRunIntoAFullSyncRecordedAsSuch() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        engine.remove(cy.sourceId()).expireCursors();

        SyncRun run = run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.requestedType()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.type()).isEqualTo(SyncType.FULL);
        assertThat(run.fellBackToFull()).isTrue();
        assertThat(run.stats().deleted()).isEqualTo(1);
        assertThat(engine.calls()).extracting(ScriptedSyncEngine.Call::type)
                .containsExactly(SyncType.FULL, SyncType.INCREMENTAL, SyncType.FULL);
        assertThat(sync.stateStore().findRun(run.id())).get().extracting(SyncRun::type).isEqualTo(SyncType.FULL);
    }

    @Test
    void incrementalWithNoStoredCursorRunsAsFullForACursorEngine() throws Exception {
        engine.withCursor();

        TriggerResult started = manager.trigger(SyncType.INCREMENTAL);
        SyncRun run = manager.await(started.run().id(), java.time.Duration.ofSeconds(10)).orElseThrow();

        assertThat(started.run().type()).isEqualTo(SyncType.FULL);
        assertThat(run.requestedType()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.type()).isEqualTo(SyncType.FULL);
        assertThat(engine.calls()).singleElement().isEqualTo(new ScriptedSyncEngine.Call(SyncType.FULL, Optional.empty()));
    }

    @Test
    void incrementalStaysIncrementalForAnEngineWithoutCursor() throws Exception {
        SyncRun run = run(SyncType.INCREMENTAL);

        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats().added()).isEqualTo(3);
    }

    @Test
    void aDryRunReportsTheChangesAndWritesNothing() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        Optional<String> cursor = sync.stateStore().cursor(engine.name());
        long version = sync.contacts().version();
        engine.put(edited(ann, "+1 555 0999"), dee).remove(cy.sourceId());

        SyncPreview preview = manager.preview(SyncType.FULL);

        assertThat(preview.type()).isEqualTo(SyncType.FULL);
        assertThat(preview.stats()).isEqualTo(new SyncStats(1, 1, 1, 1, 0));
        assertThat(preview.changes()).extracting(ContactChange::kind, ContactChange::sourceId, ContactChange::displayName)
                .containsExactlyInAnyOrder(
                        tuple(ContactChange.Kind.UPDATE, ann.sourceId(), "Ann Lee"),
                        tuple(ContactChange.Kind.ADD, dee.sourceId(), "Dee Park"),
                        tuple(ContactChange.Kind.DELETE, cy.sourceId(), "Cy Young"));
        assertThat(preview.truncated()).isFalse();
        assertThat(sync.contacts().version()).isEqualTo(version);
        assertThat(storedIds()).containsExactlyInAnyOrder(ann.sourceId(), bob.sourceId(), cy.sourceId());
        assertThat(sync.contacts().findBySourceId(ann.sourceId()).orElseThrow().contentHash())
                .isEqualTo(ann.contentHash());
        assertThat(sync.stateStore().cursor(engine.name())).isEqualTo(cursor);
        assertThat(manager.history(10, 0).total()).isEqualTo(1);
    }

    @Test
    void anIncrementalDryRunReportsOnlyTheChangesSinceTheCursor() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        engine.remove(bob.sourceId());

        SyncPreview preview = manager.preview(SyncType.INCREMENTAL);

        assertThat(preview.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(preview.changes()).containsExactly(
                new ContactChange(ContactChange.Kind.DELETE, Contact.DEFAULT_SOURCE, bob.sourceId(), "Bob Stone"));
        assertThat(storedIds()).contains(bob.sourceId());
    }

    @Test
    void aFullPreviewAndTheRunThatFollowsItReportTheSameChanges() throws Exception {
        run(SyncType.FULL);
        engine.put(edited(ann, "+1 555 0999"), dee).remove(cy.sourceId()).unreadable("people/broken", "bad data");

        assertPreviewMatchesTheRunThatFollows(SyncType.FULL, new SyncStats(1, 1, 1, 1, 1));
    }

    @Test
    void anIncrementalPreviewAndTheRunThatFollowsItReportTheSameChanges() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        engine.put(edited(bob, "+1 555 0998"), dee).remove(ann.sourceId());

        assertPreviewMatchesTheRunThatFollows(SyncType.INCREMENTAL, new SyncStats(1, 1, 1, 0, 0));
    }

    @Test
    void aPreviewWhoseCursorExpiredReadsAgainAsFullLikeTheRunThatFollowsIt() throws Exception {
        engine.withCursor();
        run(SyncType.FULL);
        engine.put(dee).remove(cy.sourceId()).expireCursors();

        SyncPreview preview = assertPreviewMatchesTheRunThatFollows(SyncType.INCREMENTAL, new SyncStats(1, 0, 1, 2, 0));

        assertThat(preview.type()).isEqualTo(SyncType.FULL);
    }

    /** Previews, then runs, the same request on an unchanged source: both must report the same changes. */
    private SyncPreview assertPreviewMatchesTheRunThatFollows(SyncType type, SyncStats expected) throws Exception {
        SyncPreview preview = manager.preview(type);
        SyncRun run = run(type);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(preview.stats()).isEqualTo(expected).isEqualTo(run.stats());
        assertThat(preview.type()).isEqualTo(run.type());
        assertThat(preview.changes()).as("the preview lists what the run then lists")
                .isEqualTo(manager.changes(run.id(), null, 100, 0).page().items());
        return preview;
    }

    @Test
    void namesThatBreakMarkupAndNamesInManyScriptsArriveUnchanged() throws Exception {
        List<Contact> all = new ArrayList<>(TestContacts.hostile());
        all.addAll(TestContacts.severalScripts());
        engine.put(all);

        run(SyncType.FULL);

        for (Contact c : all) {
            assertThat(sync.contacts().findBySourceId(c.sourceId())).get()
                    .extracting(Contact::displayName).isEqualTo(c.displayName());
        }
    }

    private SyncRun run(SyncType type) throws Exception {
        return SyncFixture.runToEnd(manager, type);
    }

    private List<String> storedIds() {
        return new ArrayList<>(sync.contacts().sourceIds());
    }
}
