package org.contactsync.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.jaxrs.testkit.SseRecorder;
import org.junit.jupiter.api.Test;

class ContactSyncFeatureTest {
    @Test
    void theApiWorksUnderAnyBasePathOfTheHostApplication() {
        try (ApiHarness api = ApiHarness.builder().basePath("host/app").build()) {
            assertThat(api.baseUri().getPath()).isEqualTo("/host/app/");
            assertThat(api.admin("api/sync/status").get().getStatus()).isEqualTo(200);
            assertThat(ApiHarness.json(api.admin("api/nope").get()).get("detail").asText())
                    .startsWith("Not found: /api/nope");
            // Same-site check uses the request's host, whatever the path.
            assertThat(api.admin("api/sync/cancel").header("Origin", "http://localhost:9998").post(null).getStatus())
                    .isEqualTo(409);
        }
    }

    @Test
    void shuttingTheApplicationDownClosesItsEventStreamsAndStopsItsPoller() {
        ApiHarness api = ApiHarness.builder().jetty().build();
        try (SseRecorder events = SseRecorder.open(api.baseUri().resolve("api/sync/events"),
                Map.of("Authorization", BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD)))) {
            await().until(() -> !events.events("status").isEmpty());
            assertThat(countThreads("contactsync-sse")).isPositive();

            api.server().close();
            await().atMost(Duration.ofSeconds(10)).until(events::ended);
            await().atMost(Duration.ofSeconds(10)).until(() -> countThreads("contactsync-sse") == 0);
        } finally {
            api.sync().close();
        }
    }

    private static int countThreads(String name) {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .count();
    }
}
