package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.contactsync.audit.ConfigEvent;
import org.contactsync.google.TokenCipher;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source and the Google group selection are configuration: each start compares them with what the timeline
 * recorded last and records a change, by "configuration". Secrets never appear.
 */
class ConfigEventsAtStartTest {
    private static final String CLIENT_SECRET = "very-secret-client-secret";

    @TempDir
    Path dataDir;

    private final Map<String, String> google = new HashMap<>(Map.of("contactsync.source", "google",
            "contactsync.google.client-id", "client-id", "contactsync.google.client-secret", CLIENT_SECRET,
            "contactsync.google.token-key", TokenCipher.generateBase64Key()));

    /** Starts the app on the same data directory with these settings, and returns what the timeline holds. */
    private List<ConfigEvent> startAndStop(Map<String, String> settings) throws Exception {
        try (EmbeddedApp app = EmbeddedApp.start(dataDir, settings, b -> b.engine(c -> new ScriptedSyncEngine()))) {
            return app.application().database().configEventLog().page(100, 0).items();
        }
    }

    @Test
    void theFirstStartRecordsTheSettingsAndARestartRecordsOnlyWhatChanged() throws Exception {
        List<ConfigEvent> first = startAndStop(google);
        assertThat(first).extracting(ConfigEvent::kind, ConfigEvent::actor, ConfigEvent::summary).containsExactly(
                tuple("groups", "configuration", "Google contacts synced: all of them."),
                tuple("source", "configuration", "Contact source: Google Contacts."));

        assertThat(startAndStop(google)).as("a restart with the same settings").hasSize(2);

        google.put("contactsync.google.groups", "Family, Work");
        assertThat(startAndStop(google)).first().extracting(ConfigEvent::summary)
                .isEqualTo("Google contacts synced: the groups Family, Work.");

        List<ConfigEvent> vcard = startAndStop(Map.of());
        assertThat(vcard).hasSize(4).first().extracting(ConfigEvent::kind, ConfigEvent::summary)
                .containsExactly("source", "Contact source: bundled sample contacts (vCard).");
        assertThat(vcard).allSatisfy(e -> assertThat(e.summary()).doesNotContain(CLIENT_SECRET));
    }

    @Test
    void theTimelineShowsThemToTheAdminAndTheViewer() throws Exception {
        Map<String, String> settings = new HashMap<>(EmbeddedApp.WITH_VIEWER);
        try (EmbeddedApp app = EmbeddedApp.start(dataDir, settings, b -> b)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.uri("/api/sync/timeline")).header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((EmbeddedApp.VIEWER_USER + ":" + EmbeddedApp.VIEWER_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode item = new ObjectMapper().readTree(r.body()).at("/timeline/0");
            assertThat(item.get("type").asText()).isEqualTo("config");
            assertThat(item.at("/config/actor").asText()).isEqualTo("configuration");
            assertThat(item.at("/config/summary").asText()).isEqualTo("Contact source: bundled sample contacts "
                    + "(vCard).");
        }
    }
}
