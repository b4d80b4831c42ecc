package org.contactsync.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostServerTest {
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    private static final String STAFF_TOKEN = "staff-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;
    static HostServer host;

    @BeforeAll
    static void start() throws Exception {
        host = HostServer.start(dataDir, "127.0.0.1", 0, Map.of(
                ADMIN_TOKEN, new HostUser("ida", Set.of(HostUser.IT_ADMIN, HostUser.STAFF)),
                STAFF_TOKEN, new HostUser("sam", Set.of(HostUser.STAFF))));
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theHostsOwnResourceKeepsWorkingWithTheHostsOwnLogin() throws Exception {
        HttpResponse<String> staff = get("orders", "Bearer " + STAFF_TOKEN);
        assertThat(staff.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(staff.body());
        assertThat(body.path("user").asText()).isEqualTo("sam");
        assertThat(body.path("orders")).hasSize(2);

        assertThat(get("orders", null).statusCode()).isEqualTo(403);
        HttpResponse<String> forged = get("orders", "Bearer not-a-token");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("Unknown or revoked API token");
    }

    @Test
    void contactSyncIsMountedUnderTheHostsPathForTheHostsAdministratorsOnly() throws Exception {
        HttpResponse<String> admin = get("contacts-admin/api/sync/status", "Bearer " + ADMIN_TOKEN);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(JSON.readTree(admin.body()).path("status").asText()).isIn("idle", "running", "completed");

        HttpResponse<String> anonymous = get("contacts-admin/api/sync/status", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("detail").asText()).contains("administrator");

        HttpResponse<String> staff = get("contacts-admin/api/sync/status", "Bearer " + STAFF_TOKEN);
        assertThat(staff.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(staff.body()).path("detail").asText()).contains("not as the ContactSync administrator");

        // ContactSync's own Basic login is not configured here: only the host decides who is admin.
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
        assertThat(get("contacts-admin/api/sync/status", basic).statusCode()).isEqualTo(401);
        assertThat(post("contacts-admin/api/sync/trigger", "Bearer " + STAFF_TOKEN).statusCode()).isEqualTo(403);
        assertThat(get("api/sync/status", "Bearer " + ADMIN_TOKEN).statusCode())
                .as("ContactSync is only under the host's path").isEqualTo(404);
    }

    @Test
    void theAdministratorTriggersASyncAndThenSeesContactsHistoryAndThePhoneDirectory() throws Exception {
        HttpResponse<String> trigger = post("contacts-admin/api/sync/trigger?force_full=true", "Bearer " + ADMIN_TOKEN);
        assertThat(trigger.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(trigger.body()).path("message").asText()).isEqualTo("Sync started");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(JSON.readTree(get("contacts-admin/api/sync/status", "Bearer " + ADMIN_TOKEN).body())
                        .path("status").asText()).isEqualTo("completed"));

        JsonNode history = JSON.readTree(get("contacts-admin/api/sync/history", "Bearer " + ADMIN_TOKEN).body());
        assertThat(history.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(history.path("history").get(0).path("contacts_added").asInt()).isGreaterThan(100);
        JsonNode info = JSON.readTree(get("contacts-admin/api/sync/info", "Bearer " + ADMIN_TOKEN).body());
        assertThat(info.path("total_contacts").asInt()).isGreaterThan(100);

        HttpResponse<String> phone = get("contacts-admin/directory", null);
        assertThat(phone.statusCode()).isEqualTo(200);
        assertThat(phone.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/xml"));
        assertThat(phone.body()).contains("<CiscoIPPhoneMenu>")
                .contains(host.contactSyncUri() + "directory/groups/");
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), authorization);
    }

    private static HttpResponse<String> post(String path, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), authorization);
    }

    private static URI uri(String path) {
        return host.baseUri().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
