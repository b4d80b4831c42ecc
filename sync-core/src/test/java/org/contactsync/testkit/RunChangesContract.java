package org.contactsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.contactsync.testkit.TestContacts.edited;
import static org.contactsync.testkit.TestContacts.person;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.ContactChange.Kind;
import org.contactsync.sync.changes.RunChangeLog;
import org.contactsync.sync.changes.RunChanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RunChangeLog} must do, through the runs that fill it: a run lists the contacts it added,
 * updated and deleted (a deletion under the name the stored copy had), up to the per-run cap with a count of the
 * rest; a failed run keeps what it wrote; a preview lists what the run then lists; old lists are pruned. Each
 * implementation's test extends this class and says how to build empty stores that belong together.
 */
public abstract class RunChangesContract {
    private final Contact ann = person("Ann Lee", "+1 555 0100");
    private final Contact bob = person("Bob Stone", "+1 555 0101");
    private final Contact cy = person("Cy Young", "+1 555 0102");
    private final Contact dee = person("Dee Park", "+1 555 0103");
    private ScriptedSyncEngine engine;
    private final List<SyncManager> managers = new ArrayList<>();
    protected RunChangeLog log;
    private SyncStateStore stateStore;
    private ContactStore contacts;

    /** The stores of one installation, all empty. */
    public record Stores(SyncStateStore stateStore, ContactStore contactStore, RunChangeLog changeLog) {
    }

    protected abstract Stores newEmptyStores();

    @BeforeEach
    void openStores() {
        // Fresh for each test, also where a subclass keeps one instance for all its tests (a shared database).
        engine = new ScriptedSyncEngine().pageSize(1).put(ann, bob, cy);
        managers.clear();
        Stores stores = newEmptyStores();
        stateStore = stores.stateStore();
        contacts = stores.contactStore();
        log = stores.changeLog();
    }

    @AfterEach
    void closeManagers() {
        managers.forEach(SyncManager::close);
    }

    @Test
    void aRunListsTheContactsItAddedUpdatedAndDeletedWithTheNameADeletedContactHad() throws Exception {
        SyncManager sync = manager(b -> b);
        SyncRun first = SyncFixture.runToEnd(sync, SyncType.FULL);
        engine.put(edited(ann, "+1 555 0999"), dee).remove(cy.sourceId());

        SyncRun second = SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(listed(first)).extracting(ContactChange::kind, ContactChange::displayName).containsExactly(
                tuple(Kind.ADD, "Ann Lee"), tuple(Kind.ADD, "Bob Stone"), tuple(Kind.ADD, "Cy Young"));
        assertThat(listed(second)).containsExactlyInAnyOrder(
                new ContactChange(Kind.UPDATE, Contact.DEFAULT_SOURCE, ann.sourceId(), "Ann Lee"),
                new ContactChange(Kind.ADD, Contact.DEFAULT_SOURCE, dee.sourceId(), "Dee Park"),
                new ContactChange(Kind.DELETE, Contact.DEFAULT_SOURCE, cy.sourceId(), "Cy Young"));
        RunChanges page = sync.changes(second.id(), null, 10, 0);
        assertThat(page.page().total()).isEqualTo(3);
        assertThat(page.beyondCap()).isZero();
    }

    @Test
    void aRunWithoutChangesListsNothingAndAnUnknownRunHasAnEmptyList() throws Exception {
        SyncManager sync = manager(b -> b);
        SyncFixture.runToEnd(sync, SyncType.FULL);

        SyncRun unchanged = SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(sync.changes(unchanged.id(), null, 10, 0).page().items()).isEmpty();
        RunChanges unknown = sync.changes(987_654, null, 10, 0);
        assertThat(unknown.page().total()).isZero();
        assertThat(unknown.beyondCap()).isZero();
    }

    @Test
    void theListStopsAtTheCapAndCountsTheChangesBeyondIt() throws Exception {
        engine.put(dee).put(TestContacts.people(3));
        SyncManager sync = manager(b -> b.changesPerRun(4).batchSize(2));

        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(run.stats().added()).isEqualTo(7);
        RunChanges all = sync.changes(run.id(), null, 100, 0);
        assertThat(all.page().items()).hasSize(4).allMatch(c -> c.kind() == Kind.ADD);
        assertThat(all.page().total()).isEqualTo(4);
        assertThat(all.beyondCap()).isEqualTo(3);
        // Paged in the order written.
        assertThat(sync.changes(run.id(), null, 2, 2).page().items()).isEqualTo(all.page().items().subList(2, 4));
    }

    @Test
    void deletionsBeyondTheCapAreCountedWithoutLookingUpTheirNames() throws Exception {
        SyncManager sync = manager(b -> b.changesPerRun(1));
        SyncFixture.runToEnd(sync, SyncType.FULL);
        engine.remove(ann.sourceId(), bob.sourceId(), cy.sourceId());

        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        RunChanges changes = sync.changes(run.id(), null, 10, 0);
        assertThat(changes.page().items()).singleElement().extracting(ContactChange::kind).isEqualTo(Kind.DELETE);
        assertThat(changes.beyondCap()).isEqualTo(2);
        assertThat(contacts.count()).isZero();
    }

    @Test
    void theListCanBeFilteredByKind() throws Exception {
        SyncManager sync = manager(b -> b);
        SyncFixture.runToEnd(sync, SyncType.FULL);
        engine.put(edited(ann, "+1 555 0999"), dee).remove(cy.sourceId());
        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        RunChanges deleted = sync.changes(run.id(), Kind.DELETE, 10, 0);

        assertThat(deleted.page().items()).extracting(ContactChange::sourceId).containsExactly(cy.sourceId());
        assertThat(deleted.page().total()).isEqualTo(1);
    }

    @Test
    void aRunThatFailsPartWayKeepsTheListOfWhatItWrote() throws Exception {
        SyncManager sync = manager(b -> b.batchSize(1).readAhead(0));
        engine.failNextRun(3, new ConnectException("Connection refused"));

        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.stats().added()).isEqualTo(2);
        assertThat(listed(run)).extracting(ContactChange::sourceId)
                .containsExactly(ann.sourceId(), bob.sourceId())
                .containsExactlyInAnyOrderElementsOf(contacts.sourceIds());
    }

    @Test
    void aPreviewListsTheSameChangesWithTheSameCapAsTheRunThatFollowsIt() throws Exception {
        SyncManager sync = manager(b -> b.changesPerRun(2));
        SyncFixture.runToEnd(sync, SyncType.FULL);
        engine.put(edited(ann, "+1 555 0999"), dee).remove(bob.sourceId(), cy.sourceId());

        SyncPreview preview = sync.preview(SyncType.FULL);
        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        RunChanges recorded = sync.changes(run.id(), null, 10, 0);
        assertThat(preview.changes()).hasSize(2).isEqualTo(recorded.page().items());
        assertThat(preview.beyondCap()).isEqualTo(2).isEqualTo(recorded.beyondCap());
        assertThat(preview.truncated()).isTrue();
    }

    @Test
    void namesThatBreakMarkupAreKeptAsTheyAre() throws Exception {
        engine.put(TestContacts.hostile());
        SyncManager sync = manager(b -> b);

        SyncRun run = SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(listed(run)).extracting(ContactChange::displayName).containsAll(TestContacts.HOSTILE_NAMES);
    }

    @Test
    void pruningForgetsOnlyListsWrittenBeforeTheGivenTime() {
        log.append(41, List.of(change("one")), 0);
        log.append(42, List.of(change("two")), 5);

        assertThat(log.prune(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(log.page(42, null, 10, 0).beyondCap()).isEqualTo(5);

        assertThat(log.prune(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(2);
        assertThat(log.page(41, null, 10, 0).page().items()).isEmpty();
        assertThat(log.page(42, null, 10, 0).beyondCap()).isZero();
    }

    @Test
    void pruningIsBoundedPerCallAndDrainsABacklogOverSeveralCalls() {
        int runs = 60;
        for (int run = 1; run <= runs; run++) {
            log.append(run, List.of(change("c" + run)), 0);
        }
        Instant later = Instant.now().plus(Duration.ofMinutes(1));

        int first = log.prune(later);
        int total = first;
        for (int calls = 0; calls < runs && total < runs; calls++) {
            total += log.prune(later);
        }

        assertThat(first).isPositive().isLessThan(runs);
        assertThat(total).isEqualTo(runs);
        assertThat(log.prune(later)).isZero();
    }

    @Test
    void theEndOfARunPrunesListsOlderThanTheRetention() throws Exception {
        SyncManager sync = manager(b -> b.changeRetention(Duration.ofSeconds(1)));
        SyncRun old = SyncFixture.runToEnd(sync, SyncType.FULL);
        assertThat(listed(old)).hasSize(3);
        Thread.sleep(1_300);

        SyncFixture.runToEnd(sync, SyncType.FULL);

        assertThat(listed(old)).isEmpty();
    }

    @Test
    void appendsAddUpAcrossBatchesInOrder() {
        log.append(7, List.of(change("a"), change("b")), 0);
        log.append(7, List.of(change("c")), 2);
        log.append(7, List.of(), 1);

        RunChanges page = log.page(7, null, 2, 1);

        assertThat(page.page().items()).extracting(ContactChange::sourceId).containsExactly("b", "c");
        assertThat(page.page().total()).isEqualTo(3);
        assertThat(page.beyondCap()).isEqualTo(3);
    }

    private List<ContactChange> listed(SyncRun run) {
        return log.page(run.id(), null, 1000, 0).page().items();
    }

    private static ContactChange change(String sourceId) {
        return new ContactChange(Kind.ADD, "work", sourceId, "Name " + sourceId);
    }

    private SyncManager manager(UnaryOperator<SyncManager.Builder> settings) {
        SyncManager m = settings.apply(SyncManager.builder().engine(engine).stateStore(stateStore)
                .contactStore(contacts).changeLog(log).nodeId("node-" + managers.size())
                .lease(Duration.ofSeconds(5)).heartbeatInterval(Duration.ofMillis(100))
                .progressSaveInterval(Duration.ofMillis(20))).build();
        managers.add(m);
        return m;
    }
}
