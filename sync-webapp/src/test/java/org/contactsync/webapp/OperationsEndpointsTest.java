package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In the WAR: the health probes are public, /metrics is on and needs the admin or the metrics token. */
class OperationsEndpointsTest {
    private static final String TOKEN = "scrape-token-for-the-war-0123456789";

    @TempDir
    static Path dataDir;

    static EmbeddedApp app;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedApp.start(dataDir, Map.of("contactsync.metrics.token", TOKEN), b -> b);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void healthProbesAnswerWithoutLogin() throws Exception {
        HttpResponse<String> live = get("/health");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"up\"}");

        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        // The schedule is off in this app, so there is no freshness check.
        assertThat(ready.body()).contains("\"database\":{\"status\":\"up\"", "\"schema\":{\"status\":\"up\"",
                "\"directory\":{\"status\":\"up\"").doesNotContain("\"sync\"", "jdbc:", "derby");
    }

    @Test
    void metricsNeedTheAdminOrTheTokenAndCountTheWarsSyncs() throws Exception {
        long runId = ((TriggerResult.Started) app.application().manager().trigger(SyncType.FULL)).run().id();
        app.application().manager().await(runId, Duration.ofSeconds(30));

        HttpResponse<String> anonymous = get("/metrics");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("{\"detail\":");

        HttpResponse<String> wrongToken = get("/metrics", "Authorization", "Bearer wrong-token-of-some-length");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.body()).doesNotContain("contactsync_");

        HttpResponse<String> admin = get("/metrics", "Authorization", basic(EmbeddedApp.ADMIN_USER,
                EmbeddedApp.ADMIN_PASSWORD));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");

        HttpResponse<String> token = get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).contains("contactsync_sync_runs_total{outcome=\"completed\",trigger=\"manual\","
                + "type=\"full\"} 1.0", "contactsync_contacts_stored 300.0");
    }
}
