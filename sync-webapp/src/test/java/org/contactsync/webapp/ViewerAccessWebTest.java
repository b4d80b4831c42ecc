package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer of the app's own login ({@code contactsync.viewer.user/password}): signs in like the admin, sees the
 * pages and every GET of the API, is refused every change with 403 and a sentence, and may still log out.
 */
class ViewerAccessWebTest {
    @TempDir
    static Path dataDir;

    static EmbeddedApp app;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedApp.start(dataDir, EmbeddedApp.WITH_VIEWER, b -> b);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private String origin() {
        return app.baseUri().toString().replaceAll("/$", "");
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=%2F";
        return http.send(HttpRequest.newBuilder(app.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aViewerSignedInOnThePageSeesEverythingReadOnlyAndIsRefusedEveryChange() throws Exception {
        assertThat(login(EmbeddedApp.VIEWER_USER, EmbeddedApp.VIEWER_PASSWORD).statusCode()).isEqualTo(303);

        HttpResponse<String> page = send("GET", "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"read-only-notice\"").contains("data-read-only=\"true\"")
                .contains("viewer (viewer, read-only)");
        assertThat(send("GET", "/contacts").body()).contains("id=\"read-only-notice\"");
        for (String path : new String[] {"/api/sync/status", "/api/sync/history", "/api/sync/timeline",
                "/api/sync/info", "/api/sync/schedule", "/api/contacts", "/api/openapi.json", "/metrics"}) {
            assertThat(send("GET", path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/api/sync/trigger", "/api/sync/cancel", "/api/sync/preview",
                "/api/sync/schedule/resume"}) {
            HttpResponse<String> r = send("POST", path, "Origin", origin(), "X-Requested-With", "fetch");
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).startsWith("{\"detail\":\"You are signed in as a viewer, which can look "
                    + "but not change anything.");
        }
        assertThat(app.application().manager().history(1, 0).total()).isZero();

        assertThat(send("POST", "/logout", "Origin", origin()).statusCode()).as("a viewer may log out")
                .isEqualTo(303);
        assertThat(send("GET", "/api/sync/status", "X-Requested-With", "fetch").statusCode()).isEqualTo(401);
    }

    @Test
    void theViewerMayUseHttpBasicAndTheAdminStillChangesThings() throws Exception {
        String viewer = basic(EmbeddedApp.VIEWER_USER, EmbeddedApp.VIEWER_PASSWORD);
        String admin = basic(EmbeddedApp.ADMIN_USER, EmbeddedApp.ADMIN_PASSWORD);

        assertThat(send("GET", "/api/sync/status", "Authorization", viewer).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/sync/trigger", "Authorization", viewer).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/sync/trigger", "Authorization", admin).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/", "Authorization", viewer).statusCode()).as("pages need the login page")
                .isEqualTo(302);
    }

    @Test
    void theAdminsPageHasNoReadOnlyNotice() throws Exception {
        login(EmbeddedApp.ADMIN_USER, EmbeddedApp.ADMIN_PASSWORD);

        assertThat(send("GET", "/").body()).doesNotContain("read-only-notice").doesNotContain("data-read-only");
    }
}
