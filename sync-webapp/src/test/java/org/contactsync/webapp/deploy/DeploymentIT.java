package org.contactsync.webapp.deploy;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built WAR in real Tomcat 10.1, Tomcat 11 and Jetty 12 (ee10) distributions, each started once: the login
 * page, the API with a login, a sync of the bundled sample, live events, the public phone directory, then an
 * undeploy and a clean stop whose logs must show no leaked thread, driver or ThreadLocal. On Tomcat a second copy
 * with a bad context parameter must refuse to start with the message naming the key.
 */
class DeploymentIT {
    static final String PASSWORD = "deploy-test-pw";
    static final Path WAR = Path.of(System.getProperty("cs.war", "target/contactsync.war"));
    static final Path SERVERS = Path.of(System.getProperty("cs.servers.dir", "target/servers"));
    static final List<String> LEAK_WARNINGS = List.of("memory leak", "failed to stop it", "failed to unregister it",
            "failed to remove it", "failed to deregister", "still running", "has leaked");

    @TempDir
    Path tmp;

    static Stream<Arguments> servers() {
        String only = System.getProperty("cs.deploy.only", "");
        return Stream.of(
                Arguments.of("Tomcat 10.1", "apache-tomcat-" + System.getProperty("cs.tomcat10.version", "10.1.59")),
                Arguments.of("Tomcat 11", "apache-tomcat-" + System.getProperty("cs.tomcat11.version", "11.0.24")),
                Arguments.of("Jetty 12 ee10", "jetty-home-" + System.getProperty("cs.jetty.version", "12.1.5")))
                .filter(a -> only.isEmpty() || ((String) a.get()[1]).startsWith(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theWarServesThePageTheApiAndTheDirectoryAndUndeploysCleanly(String name, String dist) throws Exception {
        Path home = SERVERS.resolve(dist);
        assertThat(home).as("unpacked by maven-dependency-plugin in pre-integration-test").isDirectory();
        assertThat(WAR).as("built by mvn package").isRegularFile();
        Path base = Files.createDirectories(tmp.resolve("base"));
        boolean tomcat = dist.startsWith("apache-tomcat");
        try (ServerProcess server = tomcat ? new ServerProcess.Tomcat(name, home, base)
                : new ServerProcess.Jetty(name, home, base)) {
            server.deploy(WAR);
            if (server instanceof ServerProcess.Tomcat t) {
                t.deployBroken(WAR, "contactsync.trust-proxy", "maybe");
            }
            server.start(Map.of(
                    "CONTACTSYNC_DATA_DIR", tmp.resolve("data").toString(),
                    "CONTACTSYNC_ADMIN_PASSWORD", PASSWORD,
                    "CONTACTSYNC_SYNC_INTERVAL", "off",
                    "CONTACTSYNC_SYNC_FULL_INTERVAL", "off"));
            try {
                exercise(server);
                server.undeploy();
                Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> server.logs().contains("ContactSync stopped"));
                server.stop();
                assertThat(server.awaitExit(60)).as(name + " stops").isTrue();
            } catch (AssertionError | Exception e) {
                throw new AssertionError(name + " failed; its logs:\n" + server.logs(), e);
            }

            String logs = server.logs();
            for (String warning : LEAK_WARNINGS) {
                assertThat(logs).as(name + " logs after undeploy and stop:\n" + logs).doesNotContainIgnoringCase(warning);
            }
            assertThat(logs).contains("Shut down the Derby engine");
            if (tomcat) {
                assertThat(logs).as("a bad context parameter stops the second copy with one clear message")
                        .contains("ContactSync cannot start. Invalid configuration: contactsync.trust-proxy (set by "
                                + "servlet context parameter contactsync.trust-proxy) 'maybe' is not true or false.");
            }
        }
    }

    private void exercise(ServerProcess server) throws Exception {
        String root = "http://127.0.0.1:" + server.httpPort + "/contactsync";
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> get(http, root + "/login").statusCode() == 200);

        HttpResponse<String> page = get(http, root + "/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/contactsync/login");
        assertThat(get(http, root + "/api/sync/status").statusCode()).isEqualTo(401);

        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + server.httpPort)
                .POST(HttpRequest.BodyPublishers.ofString("user=admin&password=" + PASSWORD + "&next=%2F")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);

        page = get(http, root + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Contact sync", "/contactsync/static/sync-page.js");
        assertThat(get(http, root + "/static/app.css").statusCode()).isEqualTo(200);
        assertThat(get(http, root + "/api/sync/status").body()).contains("\"status\":\"idle\"");

        try (InputStream events = http.send(HttpRequest.newBuilder(URI.create(root + "/api/sync/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream()).body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(events, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).as("the first event of the live stream").isNotNull();
        }

        HttpResponse<String> trigger = http.send(HttpRequest.newBuilder(URI.create(root + "/api/sync/trigger?force_full=true"))
                .header("Origin", "http://127.0.0.1:" + server.httpPort)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> get(http, root + "/api/sync/status").body().contains("\"status\":\"completed\""));
        assertThat(get(http, root + "/api/sync/info").body()).contains("\"total_contacts\":300");
        assertThat(get(http, root + "/api/contacts?q=a&limit=5").statusCode()).isEqualTo(200);

        HttpClient phone = HttpClient.newHttpClient();
        HttpResponse<String> directory = phone.send(HttpRequest.newBuilder(URI.create(root + "/directory")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(directory.statusCode()).isEqualTo(200);
        assertThat(directory.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        assertThat(directory.body()).contains("<CiscoIPPhoneMenu>", root + "/directory/");
        // The repeat is the stored page, answered by the servlet filter in front of Jersey: same links (context
        // path included), same validators.
        HttpResponse<String> stored = get(phone, root + "/directory");
        assertThat(stored.body()).isEqualTo(directory.body());
        assertThat(stored.headers().firstValue("ETag")).isEqualTo(directory.headers().firstValue("ETag"));
        String etag = directory.headers().firstValue("ETag").orElseThrow();
        assertThat(phone.send(HttpRequest.newBuilder(URI.create(root + "/directory")).header("If-None-Match", etag)
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
