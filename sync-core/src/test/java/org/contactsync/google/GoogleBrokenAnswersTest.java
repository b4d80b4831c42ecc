package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.contactsync.testkit.google.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Answers that are HTTP 200 but not what they should be (JSON cut short, a page ending after one contact), expired
 * access tokens in the middle of a run, and a failing contact-groups listing.
 */
class GoogleBrokenAnswersTest {
    private GoogleSyncFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aPageWhoseJsonEndsMidObjectIsRetriedAndTheRunCompletes() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        f.google.generatePeople(250);
        f.google.failConnectionsAfter(1, Fault.truncatedJson(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(250, 0, 0, 0, 0));
        assertThat(f.google.connectionRequests()).as("page 2 asked twice").hasSize(4);
    }

    @Test
    void aPageEndingAfterOneWholeContactIsNotTakenAsTheLastPageOfAFullSync() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        f.google.generatePeople(250);
        assertThat(f.run(SyncType.FULL).stats().added()).isEqualTo(250);
        f.google.failConnectionsAfter(1, Fault.cutAfterFirstContact(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).as("nothing deleted for a short page").isEqualTo(new SyncStats(0, 0, 0, 250, 0));
        assertThat(f.contacts.sourceIds()).hasSize(250);
    }

    @Test
    void answersThatStayCutShortFailTheRunWithASentenceAndDeleteNothing() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100).retryMaxTotal(Duration.ofMillis(700)));
        f.google.generatePeople(250);
        assertThat(f.run(SyncType.FULL).status()).isEqualTo(RunStatus.COMPLETED);
        Map<String, String> before = f.storeSnapshot();
        f.google.failConnectionsAfter(1, Fault.cutAfterFirstContact(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google sent answers that could not be read for ")
                .endsWith(" while reading contacts page 2. Run the sync again later.")
                .doesNotContain("Exception", "java.");
        assertThat(run.errorDetail()).contains("cut short");
        assertThat(f.storeSnapshot()).isEqualTo(before);
    }

    @Test
    void aSingle401IsAnsweredByRefreshingTheAccessTokenAndTheRunCompletes() throws Exception {
        f = new GoogleSyncFixture();
        f.google.generatePeople(30);
        f.google.failConnections(Fault.unauthorized(), 1);
        int tokenRequests = f.google.tokenRequests();

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats().added()).isEqualTo(30);
        assertThat(f.google.tokenRequests()).as("access token fetched, then refreshed after the 401")
                .isEqualTo(tokenRequests + 2);
    }

    @Test
    void anAccessTokenExpiringOnPage3OfAFullSyncIsRefreshedAndTheSyncCompletes() throws Exception {
        f = new GoogleSyncFixture(b -> b.pageSize(100));
        List<String> ids = f.google.generatePeople(450);
        f.google.failConnectionsAfter(2, Fault.expiredAccessToken(), 1);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(450, 0, 0, 0, 0));
        assertThat(f.contacts.sourceIds()).containsExactlyInAnyOrderElementsOf(ids);
        List<RecordedRequest> pages = f.google.connectionRequests();
        assertThat(pages).as("page 3 asked again after the refresh").hasSize(6);
        assertThat(pages.get(3).params()).isEqualTo(pages.get(2).params());
    }

    @Test
    void failingContactGroupsDoNotStopASyncWithoutGroupSelectionAndMembershipsAreKeptById() throws Exception {
        f = new GoogleSyncFixture(b -> b.retryMaxTotal(Duration.ofMillis(500)));
        String id = f.google.addPerson(p -> p.name("Grace", "Hopper").groups.add(PeopleApiEmulator.FRIENDS));
        f.google.failContactGroups(Fault.serverError(503), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        Contact grace = f.contacts.findBySourceId(id).orElseThrow();
        assertThat(grace.groups()).containsExactly("friends");
    }

    @Test
    void failingContactGroupsFailASelectiveSyncWithASentence() throws Exception {
        f = new GoogleSyncFixture(b -> b.groups(List.of("Friends")).retryMaxTotal(Duration.ofMillis(500)));
        f.google.generatePeople(10);
        f.google.failContactGroups(Fault.malformedJson(), Integer.MAX_VALUE);

        SyncRun run = f.run(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google sent answers that could not be read for ")
                .contains("while reading contact groups page 1").doesNotContain("Exception", "java.");
        assertThat(f.contacts.sourceIds()).isEqualTo(Set.of());
    }
}
