package org.contactsync.jaxrs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GooglePeopleSyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jaxrs.directory.DirectoryResource;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.sync.InMemorySyncStateStore;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.google.Fault;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Google sync (the real client against the People API emulator, with rate limiting on the way) and real
 * directory requests, then {@code /metrics} scraped and parsed as Prometheus text.
 */
class MetricsResourceTest {
    private static final String TOKEN = "prometheus-scrape-token-0123456789";

    private PeopleApiEmulator google;
    private ContactSyncMetrics metrics;
    private SyncFixture sync;
    private ApiHarness api;

    @BeforeEach
    void start() {
        google = PeopleApiEmulator.start();
        google.generatePeople(30);
        InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
        GoogleSettings settings = google.settings().pageSize(10).build();
        google.connect(tokens, settings);
        metrics = ContactSyncMetrics.prometheus();
        GooglePeopleSyncEngine engine = new GooglePeopleSyncEngine(new GoogleAccount(settings, tokens), metrics);
        InMemoryContactStore contacts = new InMemoryContactStore();
        sync = new SyncFixture(engine, new InMemorySyncStateStore(), contacts);
        metrics.bind(sync.manager());
        DirectoryResource directory = new DirectoryResource(new CiscoDirectory(contacts),
                new DirectorySettings("Contacts", null, false, ""));
        api = ApiHarness.builder().sync(sync, sync.manager()).component(directory)
                .settings(b -> b.metricsToken(TOKEN)).feature(f -> f.metrics(metrics)).build();
    }

    @AfterEach
    void stop() {
        api.close();
        metrics.close();
        google.close();
    }

    private Response scrape(String authorization) {
        var request = api.target("metrics").request();
        return authorization == null ? request.get() : request.header(HttpHeaders.AUTHORIZATION, authorization).get();
    }

    private PrometheusText scraped() {
        Response r = scrape("Bearer " + TOKEN);
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMediaType().toString()).startsWith("text/plain").contains("version=0.0.4");
        return PrometheusText.parse(r.readEntity(String.class));
    }

    @Test
    void afterARealRunTheScrapeHasRunsDurationsContactsSourceCallsRetriesDirectoryRequestsAndSseClients()
            throws Exception {
        google.failConnections(Fault.rateLimited(), 2);
        sync.runToEnd(SyncType.FULL);

        Response menu = api.target("directory").request().get();
        assertThat(menu.getStatus()).isEqualTo(200);
        String etag = menu.getHeaderString(HttpHeaders.ETAG);
        menu.close();
        Response cached = api.target("directory").request().header(HttpHeaders.IF_NONE_MATCH, etag).get();
        assertThat(cached.getStatus()).isEqualTo(304);
        cached.close();
        api.target("directory/groups/2").request().get().close();
        api.target("directory/no-such-page").request().get().close();

        PrometheusText p = scraped();

        assertThat(p.value("contactsync_sync_runs_total", "outcome=completed", "trigger=manual", "type=full"))
                .isEqualTo(1.0);
        assertThat(p.types).containsEntry("contactsync_sync_runs_total", "counter")
                .containsEntry("contactsync_sync_run_duration_seconds", "histogram")
                .containsEntry("contactsync_contacts_stored", "gauge")
                .containsEntry("contactsync_sync_last_success_age_seconds", "gauge")
                .containsEntry("contactsync_source_calls_total", "counter")
                .containsEntry("contactsync_directory_requests_total", "counter")
                .containsEntry("contactsync_sse_clients", "gauge");
        assertThat(p.value("contactsync_sync_run_duration_seconds_count", "outcome=completed", "type=full"))
                .isEqualTo(1.0);
        assertThat(p.value("contactsync_sync_run_duration_seconds_bucket", "le=+Inf", "outcome=completed",
                "type=full")).isEqualTo(1.0);
        assertThat(p.value("contactsync_sync_run_duration_seconds_sum", "outcome=completed", "type=full"))
                .isPositive();
        assertThat(p.value("contactsync_sync_contacts_total", "change=added")).isEqualTo(30.0);
        assertThat(p.value("contactsync_sync_contacts_total", "change=updated")).isZero();
        assertThat(p.value("contactsync_sync_contacts_total", "change=deleted")).isZero();
        assertThat(p.value("contactsync_contacts_stored")).isEqualTo(30.0);
        assertThat(p.value("contactsync_sync_last_success_age_seconds")).isBetween(0.0, 60.0);
        // Three pages of 10 plus the groups request answered 200; two pages answered 429 first and were retried.
        assertThat(p.value("contactsync_source_calls_total", "source=google", "status=429")).isEqualTo(2.0);
        assertThat(p.value("contactsync_source_calls_total", "source=google", "status=200")).isEqualTo(4.0);
        assertThat(p.value("contactsync_source_retries_total", "source=google", "status=429")).isEqualTo(2.0);
        assertThat(p.value("contactsync_directory_requests_total", "page=menu", "status=200", "vendor=cisco"))
                .isEqualTo(1.0);
        assertThat(p.value("contactsync_directory_requests_total", "page=menu", "status=304", "vendor=cisco"))
                .isEqualTo(1.0);
        assertThat(p.value("contactsync_directory_requests_total", "page=groups", "status=200", "vendor=cisco"))
                .isEqualTo(1.0);
        assertThat(p.value("contactsync_directory_requests_total", "page=other", "status=404", "vendor=cisco"))
                .isEqualTo(1.0);
        assertThat(p.value("contactsync_sse_clients")).isZero();
        assertThat(p.has("jvm_memory_used_bytes")).isTrue();
        assertThat(p.samples).allSatisfy(s -> assertThat(s.name()).matches("(contactsync|jvm|process|system)_.*"));
    }

    @Test
    void beforeAnySyncTheLastSuccessAgeIsNotANumber() {
        assertThat(scraped().value("contactsync_sync_last_success_age_seconds")).isNaN();
    }

    @Test
    void metricsNeedTheAdminOrTheToken() {
        Response none = scrape(null);
        assertThat(none.getStatus()).isEqualTo(401);
        none.close();
        Response wrong = scrape("Bearer not-the-token-but-long-enough");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.readEntity(String.class)).doesNotContain("contactsync_");
        Response admin = scrape(BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD));
        assertThat(admin.getStatus()).isEqualTo(200);
        admin.close();
    }

    @Test
    void withoutMetricsConfiguredThereIsNoMetricsEndpoint() {
        try (ApiHarness plain = ApiHarness.builder().build()) {
            Response r = plain.admin("metrics").get();
            assertThat(r.getStatus()).isEqualTo(404);
            r.close();
        }
    }

    @Test
    void directoryPathsAreClassifiedByVendorAndPageWithUnknownNamesAsOther() {
        assertThat(DirectoryRequestMetrics.classify("directory"))
                .isEqualTo(new DirectoryRequestMetrics.Kind("cisco", "menu"));
        assertThat(DirectoryRequestMetrics.classify("directory/contacts/12"))
                .isEqualTo(new DirectoryRequestMetrics.Kind("cisco", "contacts"));
        assertThat(DirectoryRequestMetrics.classify("directory/yealink/phonebook.xml"))
                .isEqualTo(new DirectoryRequestMetrics.Kind("yealink", "phonebook"));
        assertThat(DirectoryRequestMetrics.classify("directory/snom"))
                .isEqualTo(new DirectoryRequestMetrics.Kind("snom", "menu"));
        assertThat(DirectoryRequestMetrics.classify("directory/../../etc/passwd%00"))
                .isEqualTo(new DirectoryRequestMetrics.Kind("cisco", "other"));
    }
}
