package org.contactsync.webapp;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.contactsync.jaxrs.support.LoginThrottle;
import org.contactsync.testkit.MutableClock;
import org.contactsync.webapp.security.AdminCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form and HTTP Basic on /api share one throttle. The app trusts a proxy here, so each test plays its
 * clients from addresses of its own (X-Forwarded-For) and the throttle's clock stands still unless moved.
 */
class PasswordGuessingTest {
    @TempDir
    static Path dataDir;

    static final MutableClock clock = MutableClock.startingNow();
    static EmbeddedApp app;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedApp.start(dataDir, Map.of("contactsync.trust-proxy", "true"), b -> b.clock(clock));
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> api(String address, String user, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(app.uri("/api/sync/status")).header("X-Forwarded-For", address)
                .header("Authorization", basic(user, password)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String address, String user, String password) throws Exception {
        String body = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(app.uri("/login")).header("X-Forwarded-For", address)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    AdminCredentials credentials() {
        return app.application().admin().orElseThrow().credentials();
    }

    @Test
    void guessingByBasicGets429WithRetryAfterAndAJsonSentenceAndCostsNoHashWhileThrottled() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            assertThat(api("203.0.113.1", "admin", "guess " + i).statusCode()).isEqualTo(401);
        }
        long hashed = credentials().passwordsHashed();

        HttpResponse<String> res = api("203.0.113.1", "admin", "guess again");

        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("Retry-After")).contains("1");
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(res.body()).isEqualTo("{\"detail\":\"" + LoginThrottle.message(Duration.ofSeconds(1)) + "\"}");
        assertThat(credentials().passwordsHashed()).as("no PBKDF2 hash for a throttled request").isEqualTo(hashed);

        assertThat(api("198.51.100.2", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode())
                .as("another client signs in as usual").isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertThat(api("203.0.113.1", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void guessingByTheLoginFormGets429WithRetryAfterAndASentenceOnThePage() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            assertThat(login("203.0.113.2", "admin", "guess " + i).statusCode()).isEqualTo(401);
        }
        long hashed = credentials().passwordsHashed();

        HttpResponse<String> res = login("203.0.113.2", "admin", "guess again");

        assertThat(res.statusCode()).isEqualTo(429);
        assertThat(res.headers().firstValue("Retry-After")).contains("1");
        assertThat(res.body()).contains("Too many failed sign-ins from this address or for this user name. Wait 1 "
                + "second, then try again");
        assertThat(credentials().passwordsHashed()).isEqualTo(hashed);
        assertThat(login("198.51.100.3", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void theFormAndBasicCountTogetherSoNeitherIsAWayAroundTheOther() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS - 2; i++) {
            assertThat(login("203.0.113.3", "admin", "guess " + i).statusCode()).isEqualTo(401);
        }
        assertThat(api("203.0.113.3", "admin", "guess a").statusCode()).isEqualTo(401);
        assertThat(api("203.0.113.3", "admin", "guess b").statusCode()).isEqualTo(401);
        assertThat(login("203.0.113.3", "admin", "guess c").statusCode()).isEqualTo(429);
        assertThat(api("203.0.113.3", "admin", "guess c").statusCode()).isEqualTo(429);
    }

    @Test
    void aUserNameGuessedFromManyAddressesIsSlowedDownWhileTheAdminStillSignsIn() throws Exception {
        for (int i = 0; i < LoginThrottle.FREE_PER_USER; i++) {
            assertThat(api("192.0.2." + i, "root", "guess").statusCode()).isEqualTo(401);
        }
        assertThat(api("192.0.2.200", "root", "guess").statusCode()).isEqualTo(429);
        assertThat(api("192.0.2.200", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void credentialsVerifiedBeforeStillPassWhileTheirClientIsThrottled() throws Exception {
        assertThat(api("203.0.113.4", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            api("203.0.113.4", "admin", "guess " + i);
        }
        assertThat(api("203.0.113.4", "admin", "guess").statusCode()).isEqualTo(429);
        assertThat(api("203.0.113.4", "admin", EmbeddedApp.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    }
}
