package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.contactsync.testkit.google.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GooglePeopleSyncEngineTest {
    private GoogleSyncFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void fullSyncOf5000PeopleStoresEveryContactAndKeepsPagingParametersIdenticalAcrossPages() throws Exception {
        f = new GoogleSyncFixture();
        List<String> ids = f.google.generatePeople(5_000);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(5_000, 0, 0, 0, 0));
        assertThat(f.contacts.sourceIds()).containsExactlyInAnyOrderElementsOf(ids);
        List<RecordedRequest> pages = f.google.connectionRequests();
        assertThat(pages).hasSize(5);
        assertThat(pages.get(0).params()).containsEntry("pageSize", "1000")
                .containsEntry("requestSyncToken", "true")
                .containsEntry("personFields", GooglePeopleSyncEngine.PERSON_FIELDS)
                .doesNotContainKey("syncToken").doesNotContainKey("pageToken");
        assertThat(pages).extracting(RecordedRequest::pagingParams).containsOnly(pages.get(0).pagingParams());
        assertThat(pages.subList(1, 5)).allSatisfy(p -> assertThat(p.params()).containsKey("pageToken"));
        assertThat(f.state.cursor("google")).hasValueSatisfying(c -> assertThat(c).startsWith("g1;all;emu-st-"));
        assertThat(run.percent()).isEqualTo(100);
    }

    @Test
    void personFieldsAreMappedOntoTheContact() throws Exception {
        f = new GoogleSyncFixture();
        String id = f.google.addPerson(p -> p.name("Grace", "Hopper").organization("US Navy")
                .phone("+1 555 0100", "work", false).phone("+1 555 0101", "mobile", true).phone("0800 1", "homeFax",
                        false).email("grace@example.com").email("g@navy.example").group(PeopleApiEmulator.FRIENDS));

        assertThat(f.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);

        Contact c = f.contacts.findBySourceId(id).orElseThrow();
        assertThat(c.displayName()).isEqualTo("Grace Hopper");
        assertThat(c.givenName()).isEqualTo("Grace");
        assertThat(c.familyName()).isEqualTo("Hopper");
        assertThat(c.organization()).isEqualTo("US Navy");
        assertThat(c.emails()).containsExactly("grace@example.com", "g@navy.example");
        assertThat(c.phones()).extracting(p -> p.number() + "|" + p.type() + "|" + p.primary())
                .containsExactly("+1 555 0100|WORK|false", "+1 555 0101|MOBILE|true", "0800 1|HOME|false");
        assertThat(c.groups()).containsExactly("Friends");
        assertThat(c.etag()).startsWith("%Emu");
        assertThat(c.updatedAt()).isNotNull();
    }

    @Test
    void incrementalSyncAppliesAddsEditsAndDeletionsSinceTheLastSyncToken() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        List<String> ids = f.google.generatePeople(300);
        assertThat(f.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);
        String added1 = f.google.addPerson(p -> p.name("New", "One").phone("+1 555 7000", "mobile", true));
        String added2 = f.google.addPerson(p -> p.name("New", "Two"));
        f.google.editPerson(ids.get(10), p -> p.name("Renamed", "Person"));
        f.google.editPerson(ids.get(250), p -> p.phone("+49 30 1234", "home", false));
        for (String gone : List.of(ids.get(0), ids.get(99), ids.get(100), ids.get(299))) {
            f.google.deletePerson(gone);
        }
        f.google.clearRequestLog();

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats()).isEqualTo(new SyncStats(2, 2, 4, 0, 0));
        assertStoreMatchesEmulator();
        assertThat(f.contacts.findBySourceId(ids.get(10)).orElseThrow().displayName()).isEqualTo("Renamed Person");
        assertThat(f.contacts.findBySourceId(added1)).isPresent();
        assertThat(f.contacts.findBySourceId(added2)).isPresent();
        assertThat(f.google.connectionRequests()).allSatisfy(r -> assertThat(r.params()).containsKey("syncToken"));

        SyncRun nothingNew = f.run(SyncType.INCREMENTAL);
        assertThat(nothingNew.stats()).isEqualTo(SyncStats.ZERO);
    }

    @ParameterizedTest(name = "expired token answered with HTTP {0}")
    @ValueSource(ints = {400, 410})
    void anExpiredSyncTokenRunsAFullSyncInTheSameRunAndRecordsIt(int status) throws Exception {
        f = new GoogleSyncFixture();
        List<String> ids = f.google.generatePeople(1_200);
        f.run(SyncType.FULL);
        f.google.deletePerson(ids.get(5));
        f.google.editPerson(ids.get(6), p -> p.name("Changed", "Name"));
        f.google.expireSyncTokens(status);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.requestedType()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.type()).isEqualTo(SyncType.FULL);
        assertThat(run.fellBackToFull()).isTrue();
        assertThat(run.stats().deleted()).isEqualTo(1);
        assertThat(run.stats().updated()).isEqualTo(1);
        assertStoreMatchesEmulator();
        assertThat(f.run(SyncType.INCREMENTAL).type()).as("the new token works again").isEqualTo(SyncType.INCREMENTAL);
    }

    @Test
    void contactsWithoutANameGetTheCoreFallbackAndContactsWithoutPhonesAreKept() throws Exception {
        f = new GoogleSyncFixture();
        String orgOnly = f.google.addPerson(p -> p.noName().organization("Acme Corp"));
        String emailOnly = f.google.addPerson(p -> p.noName().email("anon@example.com"));
        String phoneOnly = f.google.addPerson(p -> p.noName().phone("+1 555 0199", "mobile", true));
        String nothing = f.google.addPerson(p -> p.noName());

        assertThat(f.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);

        assertThat(name(orgOnly)).isEqualTo("Acme Corp");
        assertThat(name(emailOnly)).isEqualTo("anon@example.com");
        assertThat(name(phoneOnly)).isEqualTo("+1 555 0199");
        assertThat(name(nothing)).isEqualTo(Contact.UNNAMED);
        assertThat(f.contacts.findBySourceId(emailOnly).orElseThrow().hasPhone()).isFalse();
    }

    @Test
    void selectiveSyncKeepsOnlyMembersOfTheSelectedGroupsAndRemovesContactsThatLeaveThem() throws Exception {
        f = new GoogleSyncFixture(b -> b.groups(List.of("friends", "contactGroups/family")));
        List<String> ids = f.google.generatePeople(100); // every 5th is a friend
        String relative = f.google.addPerson(p -> p.name("Aunt", "May").group(PeopleApiEmulator.FAMILY));

        SyncRun full = f.run(SyncType.FULL);

        assertThat(full.status()).as(full.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(f.contacts.count()).isEqualTo(21);
        assertThat(f.contacts.findBySourceId(relative)).isPresent();
        String friend = ids.get(4); // person 5
        String stranger = ids.get(5);
        assertThat(f.contacts.findBySourceId(friend)).isPresent();
        assertThat(f.contacts.findBySourceId(stranger)).isEmpty();

        f.google.editPerson(friend, p -> p.leaveGroup(PeopleApiEmulator.FRIENDS));
        f.google.editPerson(stranger, p -> p.group(PeopleApiEmulator.FRIENDS));
        f.google.editPerson(ids.get(6), p -> p.name("Still", "Stranger"));
        SyncRun inc = f.run(SyncType.INCREMENTAL);

        assertThat(inc.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(inc.stats()).isEqualTo(new SyncStats(1, 0, 1, 0, 0));
        assertThat(f.contacts.findBySourceId(friend)).isEmpty();
        assertThat(f.contacts.findBySourceId(stranger)).isPresent();
        assertThat(f.contacts.findBySourceId(ids.get(6))).isEmpty();
    }

    @Test
    void changingTheSelectedGroupsTurnsTheNextIncrementalSyncIntoAFullOne() throws Exception {
        f = new GoogleSyncFixture(b -> b.groups(List.of("Friends")));
        f.google.generatePeople(70);
        f.run(SyncType.FULL);
        assertThat(f.contacts.count()).isEqualTo(14);

        f.reconfigure(b -> b.groups(List.of("Coworkers")));
        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.type()).isEqualTo(SyncType.FULL);
        assertThat(f.contacts.count()).isEqualTo(10);
    }

    @Test
    void anUnknownSelectedGroupFailsTheRunNamingTheGroupAndTheSetting() throws Exception {
        f = new GoogleSyncFixture(b -> b.groups(List.of("Bowling club")));
        f.google.generatePeople(10);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).contains("\"Bowling club\"", "contactsync.google.groups", "Friends");
        assertThat(f.contacts.count()).isZero();
    }

    // ------------------------------------------------------------------ faults that heal within the budget

    @Test
    void rateLimitingWithoutRetryAfterIsRetriedAndTheRunCompletes() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(200));
        f.google.generatePeople(1_000);
        f.google.failConnectionsAfter(2, Fault.rateLimited(), 3);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertStoreMatchesEmulator();
        assertThat(f.google.connectionRequests()).hasSize(5 + 3);
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        f = new GoogleSyncFixture();
        f.google.generatePeople(50);
        f.google.failConnections(Fault.rateLimited(1), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.duration(run.completedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertStoreMatchesEmulator();
    }

    @Test
    void burstsOf500And503AreRetriedAndTheRunCompletes() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        f.google.generatePeople(500);
        f.google.failConnectionsAfter(1, Fault.serverError(500), 2);
        f.google.failConnectionsAfter(3, Fault.serverError(503), 3);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertStoreMatchesEmulator();
    }

    @Test
    void aResponseSlowerThanTheReadTimeoutIsRetried() throws Exception {
        f = new GoogleSyncFixture(b -> b.readTimeout(Duration.ofSeconds(1)).pageSize(100));
        f.google.generatePeople(250);
        f.google.failConnectionsAfter(1, Fault.slow(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(f.google.connectionRequests()).as("three pages, the second one asked for twice").hasSize(4);
        assertStoreMatchesEmulator();
    }

    @Test
    void aConnectionResetInTheMiddleOfABodyIsRetried() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        f.google.generatePeople(250);
        f.google.failConnectionsAfter(1, Fault.resetMidBody(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertStoreMatchesEmulator();
    }

    @Test
    void malformedJsonIsRetried() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        f.google.generatePeople(250);
        f.google.failConnectionsAfter(2, Fault.malformedJson(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertStoreMatchesEmulator();
    }

    // ------------------------------------------------------------------ faults that do not heal

    @Test
    void persistentServerErrorsFailTheRunWithAClearMessageAndLeaveTheStoreUnchanged() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofMillis(800)));
        List<String> ids = givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.serverError(503), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google's People API kept failing (HTTP 503").contains("Run the sync again later");
        assertThat(f.storeSnapshot()).isEqualTo(before);
        assertThat(ids).isNotEmpty();
        assertThat(f.google.connectionRequests().size()).as("retried, but bounded").isBetween(2, 40);
    }

    @Test
    void persistentRateLimitingFailsTheRunWithAClearMessage() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofMillis(600)));
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.rateLimited(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google's rate limit for the People API stayed exceeded");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aRetryAfterLongerThanTheBudgetFailsAtOnceWithAClearMessage() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofSeconds(2)));
        f.google.generatePeople(20);
        f.google.failConnections(Fault.rateLimited(120), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).contains("asked to wait 120 s", "Run the sync again later");
        assertThat(f.google.connectionRequests()).as("gave up without waiting or retrying").hasSize(1);
        assertThat(f.contacts.count()).isZero();
    }

    @Test
    void persistentSlownessFailsTheRunWithATimeoutMessage() throws Exception {
        f = new GoogleSyncFixture(b -> b.readTimeout(Duration.ofMillis(500)).retryMaxTotal(Duration.ofMillis(1_200)));
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.slow(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google did not answer in time (read timeout 500 ms)");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void persistentlyMalformedAnswersFailTheRunWithAClearMessage() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofMillis(500)));
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.malformedJson(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google sent answers that could not be read");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void persistentConnectionResetsFailTheRunWithAClearMessage() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofMillis(500)));
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.resetMidBody(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("The connection to Google failed");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void a401FromThePeopleApiFailsTheRunWithTheReconnectMessage() throws Exception {
        f = new GoogleSyncFixture();
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnections(Fault.unauthorized(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(
                "Google access was revoked or expired. Reconnect the Google account on the sync page.");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aRevokedRefreshTokenFailsTheRunWithTheReconnectMessage() throws Exception {
        f = new GoogleSyncFixture();
        givenASyncedStoreWithPendingChanges();
        Map<String, String> before = f.storeSnapshot();
        f.google.revokeRefreshTokens();

        SyncRun run = f.run(SyncType.INCREMENTAL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(GoogleCalls.REVOKED);
        assertThat(run.errorDetail()).doesNotContain(PeopleApiEmulator.REFRESH_TOKEN);
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void withoutAConnectedAccountTheRunFailsAskingToConnect() throws Exception {
        f = new GoogleSyncFixture();
        f.account.disconnect();

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(PeopleServices.NOT_CONNECTED);
    }

    private List<String> givenASyncedStoreWithPendingChanges() throws Exception {
        List<String> ids = f.google.generatePeople(120);
        assertThat(f.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);
        f.google.deletePerson(ids.get(1));
        f.google.editPerson(ids.get(2), p -> p.name("Edited", "Meanwhile"));
        f.google.generatePeople(3);
        f.google.clearRequestLog();
        return ids;
    }

    private String name(String sourceId) {
        return f.contacts.findBySourceId(sourceId).orElseThrow().displayName();
    }

    private void assertStoreMatchesEmulator() {
        Set<String> expected = Set.copyOf(f.google.liveResourceNames());
        assertThat(f.contacts.sourceIds()).isEqualTo(expected);
        Map<String, String> names = expected.stream().collect(Collectors.toMap(id -> id, id -> {
            String n = f.google.shownName(id);
            return n == null ? "" : n;
        }));
        for (String id : expected) {
            if (!names.get(id).isEmpty()) {
                assertThat(name(id)).isEqualTo(names.get(id));
            }
        }
    }
}
