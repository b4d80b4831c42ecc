package org.contactsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.contactsync.testkit.TestContacts.person;
import static org.contactsync.testkit.TestContacts.personWithId;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.testkit.RecordingListener;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several named sources in one manager: each read in turn by one run, with its own contacts, cursor and outcome; a
 * failing source does not stop the others; a full sync of one never deletes another's contacts.
 */
class SyncManagerSourcesTest {
    private final ScriptedSyncEngine staff = new ScriptedSyncEngine("google-directory").withCursor().pageSize(1)
            .put(person("Ann Lee", "+1 555 0100"), person("Bob Stone", "+1 555 0101"));
    private final ScriptedSyncEngine customers = new ScriptedSyncEngine("google").withCursor().pageSize(1)
            .put(person("Cy Young", "+1 555 0102"));
    // The same source id as one of the staff: a different contact, because it is another source's.
    private final ScriptedSyncEngine suppliers = new ScriptedSyncEngine("vcard").pageSize(1)
            .put(personWithId(TestContacts.sourceIdFor("Ann Lee"), "Ann Lee (Supplies Ltd)", "+1 555 0199"));
    private final SyncFixture sync = SyncFixture.ofSources(sources());
    private final SyncManager manager = sync.manager();

    private Map<String, SyncEngine> sources() {
        Map<String, SyncEngine> sources = new LinkedHashMap<>();
        sources.put("staff", staff);
        sources.put("customers", customers);
        sources.put("suppliers", suppliers);
        return sources;
    }

    @AfterEach
    void closeAll() {
        sync.close();
    }

    @Test
    void theManagerListsItsSourcesInTheConfiguredOrder() {
        assertThat(manager.sources()).extracting(SyncSource::name, s -> s.engine().name(), SyncSource::order)
                .containsExactly(tuple("staff", "google-directory", 0), tuple("customers", "google", 1),
                        tuple("suppliers", "vcard", 2));
        assertThat(manager.source("customers")).get().extracting(SyncSource::cursorKey).isEqualTo("customers/google");
        assertThat(manager.source("nobody")).isEmpty();
    }

    @Test
    void oneRunSyncsEverySourceIntoItsOwnContactsAndCursor() throws Exception {
        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(4, 0, 0, 0, 0));
        assertThat(sync.contacts().sourceIds("staff")).hasSize(2);
        assertThat(sync.contacts().sourceIds("customers")).hasSize(1);
        assertThat(sync.contacts().sourceIds("suppliers")).hasSize(1);
        assertThat(sync.contacts().search(new ContactQuery("Ann Lee", 10, 0)).items())
                .extracting(Contact::displayName, Contact::source)
                .containsExactly(tuple("Ann Lee", "staff"), tuple("Ann Lee (Supplies Ltd)", "suppliers"));
        assertThat(sync.stateStore().cursor("staff/google-directory")).isPresent();
        assertThat(sync.stateStore().cursor("customers/google")).isPresent();
        assertThat(manager.sourceOutcomes(run.id()))
                .extracting(SourceOutcome::source, SourceOutcome::order, SourceOutcome::engine, SourceOutcome::type,
                        SourceOutcome::status, SourceOutcome::stats)
                .containsExactly(
                        tuple("staff", 0, "google-directory", SyncType.FULL, RunStatus.COMPLETED,
                                new SyncStats(2, 0, 0, 0, 0)),
                        tuple("customers", 1, "google", SyncType.FULL, RunStatus.COMPLETED,
                                new SyncStats(1, 0, 0, 0, 0)),
                        tuple("suppliers", 2, "vcard", SyncType.FULL, RunStatus.COMPLETED,
                                new SyncStats(1, 0, 0, 0, 0)));
    }

    @Test
    void eachSourceContinuesFromItsOwnCursor() throws Exception {
        sync.runToEnd(SyncType.FULL);
        customers.put(person("Dee Park", "+1 555 0103"));

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(staff.calls().get(1)).isEqualTo(new ScriptedSyncEngine.Call(SyncType.INCREMENTAL,
                java.util.Optional.of("v2")));
        assertThat(customers.calls().get(1)).isEqualTo(new ScriptedSyncEngine.Call(SyncType.INCREMENTAL,
                java.util.Optional.of("v1")));
        assertThat(sync.stateStore().cursor("customers/google")).contains("v2");
        assertThat(manager.sourceOutcomes(run.id())).extracting(SourceOutcome::source, SourceOutcome::stats)
                .containsExactly(tuple("staff", SyncStats.ZERO), tuple("customers", new SyncStats(1, 0, 0, 0, 0)),
                        tuple("suppliers", new SyncStats(0, 0, 0, 1, 0)));
    }

    @Test
    void aFailingSourceDoesNotStopTheOthersAndKeepsItsContactsAndCursor() throws Exception {
        sync.runToEnd(SyncType.FULL);
        String customersCursor = sync.stateStore().cursor("customers/google").orElseThrow();
        List<String> customerIds = List.copyOf(sync.contacts().sourceIds("customers"));
        customers.remove(customerIds.get(0));
        customers.failNextRun(1, new ConnectException("Connection refused"));
        staff.put(person("Eve Adams", "+1 555 0104"));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo("Could not sync the source customers; the other sources were synced. "
                + "customers: Could not reach the contact source: connection refused. Check the network and run the "
                + "sync again.");
        assertThat(run.errorDetail()).isEqualTo("customers: java.net.ConnectException: Connection refused");
        assertThat(sync.contacts().sourceIds("customers")).containsExactlyElementsOf(customerIds);
        assertThat(sync.stateStore().cursor("customers/google")).contains(customersCursor);
        assertThat(sync.contacts().sourceIds("staff")).hasSize(3);
        assertThat(manager.sourceOutcomes(run.id())).extracting(SourceOutcome::source, SourceOutcome::status)
                .containsExactly(tuple("staff", RunStatus.COMPLETED), tuple("customers", RunStatus.ERROR),
                        tuple("suppliers", RunStatus.COMPLETED));
        SourceOutcome failed = manager.sourceOutcomes(run.id()).get(1);
        assertThat(failed.message()).isEqualTo("Could not reach the contact source: connection refused. Check the "
                + "network and run the sync again.");
        assertThat(failed.stats()).isEqualTo(SyncStats.ZERO);
    }

    @Test
    void whenEverySourceFailsTheMessageSaysNoneWasSynced() throws Exception {
        for (ScriptedSyncEngine e : List.of(staff, customers, suppliers)) {
            e.failNextRun(1, new ConnectException("Connection refused"));
        }

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Could not sync any of the sources staff, customers and suppliers. staff: ");
        assertThat(sync.contacts().count()).isZero();
    }

    @Test
    void aFullSyncOfOneSourceNeverDeletesAnothersContacts() throws Exception {
        sync.runToEnd(SyncType.FULL);
        String gone = staff.contacts().get(0).sourceId();
        staff.remove(gone);

        SyncRun run = SyncFixture.runToEnd(manager, new RunRequest(SyncType.FULL, SyncTrigger.MANUAL)
                .forSource("staff"));

        assertThat(run.stats().deleted()).isEqualTo(1);
        assertThat(sync.contacts().findBySourceId("staff", gone)).isEmpty();
        assertThat(sync.contacts().findBySourceId("suppliers", gone)).as("the same id in another source").isPresent();
        assertThat(sync.contacts().sourceIds("customers")).hasSize(1);
        assertThat(manager.sourceOutcomes(run.id())).extracting(SourceOutcome::source).containsExactly("staff");
        assertThat(customers.runCount()).as("only the named source was read").isEqualTo(1);
    }

    @Test
    void theHistoryOfASourceListsTheRunsThatIncludedIt() throws Exception {
        SyncRun all = sync.runToEnd(SyncType.FULL);
        SyncRun onlyStaff = SyncFixture.runToEnd(manager, new RunRequest(SyncType.FULL, SyncTrigger.MANUAL)
                .forSource("staff"));

        assertThat(manager.history("staff", 10, 0).items()).extracting(SyncRun::id)
                .containsExactly(onlyStaff.id(), all.id());
        assertThat(manager.history("customers", 10, 0).items()).extracting(SyncRun::id).containsExactly(all.id());
        assertThat(manager.history("customers", 10, 0).total()).isEqualTo(1);
        assertThat(manager.history(null, 10, 0).total()).isEqualTo(2);
    }

    @Test
    void anUnknownSourceNameIsRefusedWithTheNamesThatExist() {
        RunRequest request = new RunRequest(SyncType.FULL, SyncTrigger.MANUAL).forSource("vendors");

        assertThatThrownBy(() -> manager.trigger(request)).isInstanceOf(UnknownSourceException.class)
                .hasMessage("There is no source named 'vendors'. The configured sources are: staff, customers, "
                        + "suppliers.");
        assertThatThrownBy(() -> manager.history("vendors", 10, 0)).isInstanceOf(UnknownSourceException.class);
        assertThatThrownBy(() -> manager.preview(SyncType.FULL, "vendors")).isInstanceOf(UnknownSourceException.class);
        assertThat(sync.stateStore().latestRun()).as("no run was opened").isEmpty();
    }

    @Test
    void aCancelStopsTheWholeRunAndTheSourcesAfterItAreNotRead() throws Exception {
        ScriptedSyncEngine.Gate gate = customers.blockNextRun(1);
        long id = manager.trigger(SyncType.FULL).run().id();
        gate.awaitReached();

        manager.cancel();
        SyncRun run = manager.await(id, Duration.ofSeconds(10)).orElseThrow();

        assertThat(run.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(manager.sourceOutcomes(id)).extracting(SourceOutcome::source, SourceOutcome::status)
                .containsExactly(tuple("staff", RunStatus.COMPLETED), tuple("customers", RunStatus.CANCELLED));
        assertThat(suppliers.runCount()).isZero();
        assertThat(sync.contacts().sourceIds("staff")).hasSize(2);
    }

    @Test
    void whileARunReadsASourceItsOutcomeShowsRunningWithTheCountsSoFar() throws Exception {
        ScriptedSyncEngine.Gate gate = customers.blockNextRun(ScriptedSyncEngine.AFTER_LAST_PAGE);
        long id = manager.trigger(SyncType.FULL).run().id();
        gate.awaitReached();
        try {
            assertThat(manager.sourceOutcomes(id)).extracting(SourceOutcome::source, SourceOutcome::status)
                    .containsExactly(tuple("staff", RunStatus.COMPLETED), tuple("customers", RunStatus.RUNNING));
            assertThat(sync.stateStore().sourceOutcomes(id)).as("other nodes see it in the store")
                    .extracting(SourceOutcome::source, SourceOutcome::status)
                    .containsExactly(tuple("staff", RunStatus.COMPLETED), tuple("customers", RunStatus.RUNNING));
            assertThat(manager.status().currentOperation()).startsWith("customers: ");
        } finally {
            gate.release();
        }
        assertThat(manager.await(id, Duration.ofSeconds(10)).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void progressIsSpreadOverTheSourcesAndNeverGoesBack() throws Exception {
        RecordingListener listener = new RecordingListener();
        manager.addListener(listener);

        sync.runToEnd(SyncType.FULL);

        List<Integer> percents = new ArrayList<>();
        listener.of(RecordingListener.Kind.PROGRESS).forEach(r -> percents.add(r.percent()));
        assertThat(percents).isSorted().contains(33, 66);
        assertThat(listener.of(RecordingListener.Kind.PROGRESS)).anySatisfy(r -> assertThat(r.currentOperation()).startsWith("suppliers: "));
    }

    @Test
    void aPreviewReadsEverySourceOrOneAndWritesNothing() throws Exception {
        SyncPreview all = manager.preview(SyncType.FULL);
        SyncPreview one = manager.preview(SyncType.FULL, "suppliers");

        assertThat(all.stats().added()).isEqualTo(4);
        assertThat(all.changes()).extracting(ContactChange::source)
                .containsExactly("staff", "staff", "customers", "suppliers");
        assertThat(one.changes()).extracting(ContactChange::displayName, ContactChange::source)
                .containsExactly(tuple("Ann Lee (Supplies Ltd)", "suppliers"));
        assertThat(sync.contacts().count()).isZero();
    }

    @Test
    void sourceNamesMustBeDistinctIdentifiers() {
        assertThatThrownBy(() -> SyncManager.builder().source("staff", staff).source("staff", customers))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("used twice");
        assertThatThrownBy(() -> SyncManager.builder().source("our staff", staff))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> SyncManager.builder().stateStore(sync.stateStore()).contactStore(sync.contacts())
                .build()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("No source is configured");
    }
}
