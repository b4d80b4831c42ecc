package org.contactsync.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GoogleDirectorySyncEngine;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SourceOutcome;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.contactsync.testkit.google.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's three sources in one installation, with the real engines and the database stores: the company's
 * Workspace directory ("staff", emulated listDirectoryPeople), a shared Google account ("customers", emulated People
 * API, an account of its own) and a supplier list exported as a vCard file ("suppliers").
 */
class ThreeSourcesTest {
    private final PeopleApiEmulator workspace = PeopleApiEmulator.start();
    private final PeopleApiEmulator customersAccount = PeopleApiEmulator.start();
    @TempDir
    Path dir;
    private Path suppliersFile;
    private ContactSyncDatabase db;
    private SyncFixture sync;

    @BeforeEach
    void wire() throws Exception {
        suppliersFile = dir.resolve("suppliers.vcf");
        writeSuppliers(card("sup-1", "Ada Supplies", "+44 20 7946 0001"), card("sup-2", "Bolt & Nut Ltd",
                "+44 20 7946 0002"));
        db = ContactSyncDatabase.open(JdbcSettings.derbyInMemory("sources-" + UUID.randomUUID()));
        Map<String, SyncEngine> sources = new LinkedHashMap<>();
        sources.put("staff", new GoogleDirectorySyncEngine(account(workspace,
                List.of(GoogleDirectorySyncEngine.SCOPE))));
        sources.put("customers", new GooglePeopleSyncEngine(account(customersAccount, List.of(GoogleSettings.SCOPE))));
        sources.put("suppliers", new org.contactsync.vcard.VCardSyncEngine(suppliersFile));
        sync = SyncFixture.ofSources(sources, db.syncStateStore(), db.contactStore());
    }

    @AfterEach
    void close() {
        if (sync != null) {
            sync.close();
        }
        if (db != null) {
            db.close();
        }
        workspace.close();
        customersAccount.close();
    }

    /** Each Google source connects an account of its own, its token in a store of its own. */
    private static GoogleAccount account(PeopleApiEmulator google, List<String> scopes) {
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = google.settings().pageSize(50).retryMaxTotal(Duration.ofMillis(300))
                .scopes(scopes).build();
        google.connect(tokens, settings);
        return new GoogleAccount(settings, tokens);
    }

    @Test
    void oneRunSyncsAllThreeSourcesAndTheNextContinuesEachFromItsOwnCursor() throws Exception {
        List<String> staff = workspace.generateDirectoryPeople(120, PeopleApiEmulator.DOMAIN_PROFILE);
        List<String> customers = customersAccount.generatePeople(30);

        SyncRun first = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sync.manager().sourceOutcomes(first.id())).as("the Google sources had no cursor yet")
                .extracting(SourceOutcome::source, SourceOutcome::type).containsExactly(
                        tuple("staff", SyncType.FULL), tuple("customers", SyncType.FULL),
                        tuple("suppliers", SyncType.INCREMENTAL));
        assertThat(first.stats()).isEqualTo(new SyncStats(152, 0, 0, 0, 0));
        assertThat(sync.contacts().sourceIds("staff")).containsExactlyInAnyOrderElementsOf(staff);
        assertThat(sync.contacts().sourceIds("customers")).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(sync.contacts().sourceIds("suppliers")).containsExactlyInAnyOrder("sup-1", "sup-2");
        String staffCursor = sync.stateStore().cursor("staff/google-directory").orElseThrow();
        String customersCursor = sync.stateStore().cursor("customers/google").orElseThrow();
        assertThat(staffCursor).isNotEqualTo(customersCursor);

        workspace.deletePerson(staff.get(0));
        customersAccount.editPerson(customers.get(0), p -> p.displayName = "Renamed Customer");
        customersAccount.addPerson(p -> p.displayName = "New Customer");
        writeSuppliers(card("sup-1", "Ada Supplies", "+44 20 7946 0001"));
        workspace.clearRequestLog();
        customersAccount.clearRequestLog();

        SyncRun second = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(second.status()).as(second.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(second.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(sync.manager().sourceOutcomes(second.id()))
                .extracting(SourceOutcome::source, SourceOutcome::type, SourceOutcome::status,
                        o -> o.stats().added(), o -> o.stats().updated(), o -> o.stats().deleted())
                .containsExactly(tuple("staff", SyncType.INCREMENTAL, RunStatus.COMPLETED, 0, 0, 1),
                        tuple("customers", SyncType.INCREMENTAL, RunStatus.COMPLETED, 1, 1, 0),
                        tuple("suppliers", SyncType.INCREMENTAL, RunStatus.COMPLETED, 0, 0, 1));
        // Each Google source sent the sync token of its own cursor (the stored cursor wraps the token).
        String staffToken = last(workspace.directoryRequests()).params().get("syncToken");
        String customersToken = last(customersAccount.connectionRequests()).params().get("syncToken");
        assertThat(staffToken).isNotNull();
        assertThat(customersToken).isNotNull();
        assertThat(staffCursor).contains(staffToken);
        assertThat(customersCursor).contains(customersToken);
        assertThat(sync.contacts().count()).isEqualTo(152 - 1 + 1 - 1);
    }

    @Test
    void aFailingSourceLeavesTheOthersContactsAndHistoryCorrect() throws Exception {
        workspace.generateDirectoryPeople(40, PeopleApiEmulator.DOMAIN_PROFILE);
        customersAccount.generatePeople(10);
        SyncRun first = sync.runToEnd(SyncType.FULL);
        assertThat(first.status()).as(first.error()).isEqualTo(RunStatus.COMPLETED);
        Map<String, String> staffBefore = hashes("staff");
        String staffCursor = sync.stateStore().cursor("staff/google-directory").orElseThrow();
        workspace.denyDirectory(true);
        workspace.generateDirectoryPeople(5, PeopleApiEmulator.DOMAIN_PROFILE);
        customersAccount.addPerson(p -> p.displayName = "Late Customer");
        writeSuppliers(card("sup-1", "Ada Supplies", "+44 20 7946 0001"), card("sup-3", "Cog Works",
                "+44 20 7946 0003"));

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Could not sync the source staff; the other sources were synced. staff: ");
        assertThat(hashes("staff")).as("the failed source's contacts stay as they were").isEqualTo(staffBefore);
        assertThat(sync.stateStore().cursor("staff/google-directory")).contains(staffCursor);
        assertThat(sync.contacts().sourceIds("customers")).hasSize(11);
        assertThat(sync.contacts().sourceIds("suppliers")).containsExactlyInAnyOrder("sup-1", "sup-3");

        List<SourceOutcome> outcomes = sync.stateStore().sourceOutcomes(run.id());
        assertThat(outcomes).extracting(SourceOutcome::source, SourceOutcome::status, SourceOutcome::stats)
                .containsExactly(tuple("staff", RunStatus.ERROR, SyncStats.ZERO),
                        tuple("customers", RunStatus.COMPLETED, new SyncStats(1, 0, 0, 0, 0)),
                        tuple("suppliers", RunStatus.COMPLETED, new SyncStats(1, 0, 1, 1, 0)));
        assertThat(outcomes.get(0).message()).isNotBlank().doesNotContain("Exception");
        assertThat(sync.manager().history("customers", 10, 0).items()).extracting(SyncRun::id)
                .containsExactly(run.id(), first.id());

        workspace.denyDirectory(false);
        SyncRun recovered = sync.runToEnd(SyncType.INCREMENTAL);
        assertThat(recovered.status()).as(recovered.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sync.contacts().sourceIds("staff")).hasSize(45);
    }

    @Test
    void aFullSyncOfOneSourceNeverDeletesAnothersContacts() throws Exception {
        workspace.generateDirectoryPeople(20, PeopleApiEmulator.DOMAIN_PROFILE);
        customersAccount.generatePeople(20);
        sync.runToEnd(SyncType.FULL);
        Map<String, String> staffBefore = hashes("staff");
        Map<String, String> customersBefore = hashes("customers");
        writeSuppliers(card("sup-2", "Bolt & Nut Ltd", "+44 20 7946 0002"));

        SyncRun run = SyncFixture.runToEnd(sync.manager(), new RunRequest(SyncType.FULL, SyncTrigger.MANUAL)
                .forSource("suppliers"));

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 1, 1, 0));
        assertThat(sync.contacts().sourceIds("suppliers")).containsExactly("sup-2");
        assertThat(hashes("staff")).isEqualTo(staffBefore);
        assertThat(hashes("customers")).isEqualTo(customersBefore);
        assertThat(sync.stateStore().sourceOutcomes(run.id())).extracting(SourceOutcome::source)
                .containsExactly("suppliers");
    }

    private static RecordedRequest last(List<RecordedRequest> requests) {
        assertThat(requests).isNotEmpty();
        return requests.get(requests.size() - 1);
    }

    private Map<String, String> hashes(String source) {
        Map<String, String> result = new HashMap<>();
        sync.contacts().forEach(c -> {
            if (c.source().equals(source)) {
                result.put(c.sourceId(), c.contentHash());
            }
        });
        return result;
    }

    private void writeSuppliers(String... cards) throws Exception {
        Files.writeString(suppliersFile, String.join("\r\n", cards) + "\r\n", StandardCharsets.UTF_8);
    }

    private static String card(String uid, String name, String phone) {
        List<String> lines = new ArrayList<>(List.of("BEGIN:VCARD", "VERSION:3.0", "UID:" + uid, "FN:" + name,
                "TEL;TYPE=WORK:" + phone, "END:VCARD"));
        return String.join("\r\n", lines);
    }
}
