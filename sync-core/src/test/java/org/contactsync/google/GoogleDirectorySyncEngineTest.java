package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.contactsync.testkit.google.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Workspace directory engine through the real Google client against the emulator's listDirectoryPeople. */
class GoogleDirectorySyncEngineTest {
    private PeopleApiEmulator google;
    private GoogleAccount account;
    private SyncFixture sync;

    @BeforeEach
    void connect() {
        google = PeopleApiEmulator.start();
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = google.settings().pageSize(100).retryMaxTotal(Duration.ofMillis(500))
                .scopes(List.of(GoogleDirectorySyncEngine.SCOPE)).build();
        google.connect(tokens, settings);
        account = new GoogleAccount(settings, tokens);
    }

    @AfterEach
    void close() {
        if (sync != null) {
            sync.close();
        }
        google.close();
    }

    @Test
    void aFullSyncReadsProfilesAndSharedContactsOverEveryPageWithTheSameParameters() throws Exception {
        List<String> staff = google.generateDirectoryPeople(180, PeopleApiEmulator.DOMAIN_PROFILE);
        List<String> shared = google.generateDirectoryPeople(70, PeopleApiEmulator.DOMAIN_CONTACT);
        google.generatePeople(5); // the account's own contacts are not the directory
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats()).isEqualTo(new SyncStats(250, 0, 0, 0, 0));
        assertThat(sync.contacts().sourceIds()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(staff.stream(), shared.stream()).toList());
        List<RecordedRequest> pages = google.directoryRequests();
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).params()).containsEntry("readMask", GoogleDirectorySyncEngine.READ_MASK)
                .containsEntry("sources", GoogleDirectorySyncEngine.DOMAIN_PROFILE + ","
                        + GoogleDirectorySyncEngine.DOMAIN_CONTACT)
                .containsEntry("requestSyncToken", "true").doesNotContainKey("pageToken");
        for (RecordedRequest p : pages.subList(1, 3)) {
            Map<String, String> withoutPageToken = new java.util.HashMap<>(p.params());
            withoutPageToken.remove("pageToken");
            assertThat(withoutPageToken).isEqualTo(pages.get(0).params());
        }
    }

    @Test
    void onlyTheConfiguredDirectorySourcesAreRead() throws Exception {
        List<String> staff = google.generateDirectoryPeople(20, PeopleApiEmulator.DOMAIN_PROFILE);
        google.generateDirectoryPeople(10, PeopleApiEmulator.DOMAIN_CONTACT);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account,
                List.of(GoogleDirectorySyncEngine.DOMAIN_PROFILE)));

        sync.runToEnd(SyncType.FULL);

        assertThat(sync.contacts().sourceIds()).containsExactlyInAnyOrderElementsOf(staff);
    }

    @Test
    void anIncrementalSyncAppliesAddsEditsAndDeletionsThroughTheSyncToken() throws Exception {
        List<String> staff = google.generateDirectoryPeople(120, PeopleApiEmulator.DOMAIN_PROFILE);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));
        sync.runToEnd(SyncType.FULL);
        google.deletePerson(staff.get(0));
        google.editPerson(staff.get(1), p -> p.name("Renamed", "Colleague"));
        google.generateDirectoryPeople(2, PeopleApiEmulator.DOMAIN_CONTACT);

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.type()).isEqualTo(SyncType.INCREMENTAL);
        assertThat(run.stats()).isEqualTo(new SyncStats(2, 1, 1, 0, 0));
        assertThat(Set.copyOf(sync.contacts().sourceIds())).isEqualTo(Set.copyOf(google.liveDirectoryNames()));
        assertThat(sync.contacts().findBySourceId(staff.get(1)).orElseThrow().displayName())
                .isEqualTo("Renamed Colleague");
    }

    @Test
    void anExpiredSyncTokenRunsAFullSyncInTheSameRun() throws Exception {
        google.generateDirectoryPeople(30, PeopleApiEmulator.DOMAIN_PROFILE);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));
        sync.runToEnd(SyncType.FULL);
        google.expireSyncTokens(410);

        SyncRun run = sync.runToEnd(SyncType.INCREMENTAL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.fellBackToFull()).isTrue();
        assertThat(run.stats()).isEqualTo(new SyncStats(0, 0, 0, 30, 0));
    }

    @Test
    void anEmptyDirectoryBecauseContactSharingIsOffFailsTheRunWithTheAdminSettingAndRemovesNothing()
            throws Exception {
        google.generateDirectoryPeople(40, PeopleApiEmulator.DOMAIN_PROFILE);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));
        sync.runToEnd(SyncType.FULL);
        google.directorySharing(false);

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).isEqualTo(GoogleDirectorySyncEngine.SHARING_OFF)
                .contains("Directory settings", "Enable contact sharing");
        assertThat(sync.contacts().sourceIds()).hasSize(40);
    }

    @Test
    void aRefusedDirectoryFailsTheRunNamingTheScopeAndTheSharingSetting() throws Exception {
        google.generateDirectoryPeople(5, PeopleApiEmulator.DOMAIN_PROFILE);
        google.denyDirectory(true);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).isEqualTo(RunStatus.ERROR);
        assertThat(run.error()).startsWith("Google refused to hand out the contacts (403: The caller does not have"
                + " permission). Reconnect the Google account").contains(GoogleDirectorySyncEngine.SCOPE,
                "contact sharing");
    }

    @Test
    void connectingForTheDirectoryAsksForTheDirectoryScope() {
        AuthorizationRequest request = account.startAuthorization(URI.create("http://127.0.0.1/api/google/callback"));

        assertThat(request.authorizationUrl().toString())
                .contains("scope=" + java.net.URLEncoder.encode(GoogleDirectorySyncEngine.SCOPE,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void transientErrorsAreRetried() throws Exception {
        google.generateDirectoryPeople(150, PeopleApiEmulator.DOMAIN_PROFILE);
        google.failConnectionsAfter(1, Fault.serverError(503), 2);
        sync = new SyncFixture(new GoogleDirectorySyncEngine(account));

        SyncRun run = sync.runToEnd(SyncType.FULL);

        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.stats().added()).isEqualTo(150);
    }
}
