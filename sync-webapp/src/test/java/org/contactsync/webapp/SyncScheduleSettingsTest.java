package org.contactsync.webapp;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code contactsync.sync.interval=off} means off unless a full interval is set explicitly; the start-up banner,
 * the scheduler and {@code /api/sync/info} (which the page shows) say the same for every combination.
 */
class SyncScheduleSettingsTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @CsvSource(nullValues = "unset", value = {
            // interval, full-interval, banner, sync_type, sync_interval, full_sync_interval
            "off, unset, manual sync only,                                  manual,    unset, unset",
            "off, 2d,    automatic full sync every 2d,                      automatic, 2d,    2d",
            "30m, unset, automatic sync every 30m (a full one every 1d),    automatic, 30m,   1d",
            "30m, off,   automatic sync every 30m,                          automatic, 30m,   unset"})
    void theBannerTheSchedulerAndTheInfoAgree(String interval, String full, String banner, String syncType,
                                               String syncInterval, String fullSyncInterval) throws Exception {
        // A blank value counts as unset, so it takes away EmbeddedApp's own "off".
        try (EmbeddedApp app = EmbeddedApp.start(dataDir, Map.of("contactsync.sync.interval", interval,
                "contactsync.sync.full-interval", full == null ? "" : full), b -> b)) {
            ContactSyncApplication application = app.application();
            assertThat(ContactSyncListener.scheduleText(application.config())).isEqualTo(banner);
            assertThat(application.scheduler().schedule().isOff()).isEqualTo(syncType.equals("manual"));

            JsonNode info = info(app);

            assertThat(info.get("sync_type").asText()).isEqualTo(syncType);
            assertThat(text(info, "sync_interval")).isEqualTo(syncInterval);
            assertThat(text(info, "full_sync_interval")).isEqualTo(fullSyncInterval);
            assertThat(info.get("next_sync").isNull()).isEqualTo(syncType.equals("manual"));
        }
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).isNull() ? null : node.get(field).asText();
    }

    private static JsonNode info(EmbeddedApp app) throws Exception {
        String basic = Base64.getEncoder().encodeToString((EmbeddedApp.ADMIN_USER + ":" + EmbeddedApp.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.uri("/api/sync/info"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(res.body());
    }
}
