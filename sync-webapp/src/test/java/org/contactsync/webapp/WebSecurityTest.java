package org.contactsync.webapp;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The page and /api need the administrator; the login, static assets and the phone directory do not. */
class WebSecurityTest {
    @TempDir
    static Path dataDir;

    static EmbeddedApp app;

    @BeforeAll
    static void start() throws Exception {
        app = EmbeddedApp.start(dataDir, Map.of(), b -> b);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, String... headers) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String user, String password) throws Exception {
        return postForm("/login", Map.of("user", user, "password", password, "next", "/contacts"),
                "Origin", app.baseUri().toString().replaceAll("/$", ""));
    }

    private String sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("CONTACTSYNC_SESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    @Test
    void thePageRedirectsToTheLoginPageUntilLoggedIn() throws Exception {
        HttpResponse<String> res = get("/contacts");
        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(res.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fcontacts");

        HttpResponse<String> loginPage = get("/login");
        assertThat(loginPage.statusCode()).isEqualTo(200);
        assertThat(loginPage.body()).contains("<form method=\"post\"", "name=\"password\"");
        assertThat(loginPage.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void aRunsPageNeedsTheLoginAndOnlyARunIdOpensOne() throws Exception {
        HttpResponse<String> res = get("/runs/7");
        assertThat(res.statusCode()).isEqualTo(302);
        assertThat(res.headers().firstValue("Location").orElseThrow()).endsWith("/login?next=%2Fruns%2F7");

        login(EmbeddedApp.ADMIN_USER, EmbeddedApp.ADMIN_PASSWORD);

        HttpResponse<String> page = get("/runs/7");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-run-id=\"7\"", "run-page.js");
        for (String bad : new String[] {"/runs/0", "/runs/abc", "/runs/7/x", "/runs/%3Cscript%3E"}) {
            assertThat(get(bad).statusCode()).as(bad).isEqualTo(404);
        }
    }

    @Test
    void theApiAnswers401WithAJsonDetailUntilLoggedIn() throws Exception {
        HttpResponse<String> res = get("/api/sync/status");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(res.body()).contains("\"detail\"", "Log in first");
        assertThat(res.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        HttpResponse<String> fromPage = get("/api/sync/status", "X-Requested-With", "fetch");
        assertThat(fromPage.statusCode()).isEqualTo(401);
        assertThat(fromPage.headers().firstValue("WWW-Authenticate")).as("no browser dialog for the page's scripts")
                .isEmpty();
    }

    @Test
    void loggingInChangesTheSessionIdAndSetsAnHttpOnlySameSiteCookie() throws Exception {
        get("/login");
        HttpResponse<String> pre = get("/contacts");
        assertThat(pre.statusCode()).isEqualTo(302);
        // Make sure a session exists before the login, so we can see it replaced.
        HttpResponse<String> res = login(EmbeddedApp.ADMIN_USER, "wrong-password");
        String before = sessionId();

        res = login(EmbeddedApp.ADMIN_USER, EmbeddedApp.ADMIN_PASSWORD);

        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location").orElseThrow()).isEqualTo("/contacts");
        String setCookie = res.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("CONTACTSYNC_SESSION=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(get("/contacts").statusCode()).isEqualTo(200);
        assertThat(get("/api/sync/status").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordShowsAClearMessage() throws Exception {
        HttpResponse<String> res = login(EmbeddedApp.ADMIN_USER, "not-the-password");
        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.body()).contains("The user name or password is wrong");
        assertThat(get("/api/sync/status").statusCode()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        login(EmbeddedApp.ADMIN_USER, EmbeddedApp.ADMIN_PASSWORD);
        assertThat(get("/api/sync/status").statusCode()).isEqualTo(200);

        HttpResponse<String> res = postForm("/logout", Map.of());

        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(get("/api/sync/status").statusCode()).isEqualTo(401);
    }

    @Test
    void aLoginPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> res = postForm("/login", Map.of("user", EmbeddedApp.ADMIN_USER, "password",
                EmbeddedApp.ADMIN_PASSWORD), "Origin", "https://evil.example");
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(get("/api/sync/status").statusCode()).isEqualTo(401);
    }

    @Test
    void theLoginNeverRedirectsToAnotherSite() throws Exception {
        HttpResponse<String> res = postForm("/login", Map.of("user", EmbeddedApp.ADMIN_USER, "password",
                EmbeddedApp.ADMIN_PASSWORD, "next", "//evil.example/x"));
        assertThat(res.headers().firstValue("Location").orElseThrow()).isEqualTo("/");
    }

    @Test
    void apiClientsMayUseHttpBasic() throws Exception {
        String good = "Basic " + Base64.getEncoder().encodeToString(
                (EmbeddedApp.ADMIN_USER + ":" + EmbeddedApp.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/sync/status", "Authorization", good).statusCode()).isEqualTo(200);
        assertThat(get("/api/sync/status", "Authorization", bad).statusCode()).isEqualTo(401);
        assertThat(get("/contacts", "Authorization", good).statusCode()).as("pages need the login page")
                .isEqualTo(302);
    }

    @Test
    void staticAssetsArePublicAndNothingElseOnTheClassPathIsServed() throws Exception {
        HttpResponse<String> css = get("/static/app.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        HttpResponse<String> escape = get("/static/%2e%2e/logback.xml");
        assertThat(escape.statusCode()).isNotEqualTo(200);
        assertThat(escape.body()).doesNotContain("<configuration>");
        assertThat(get("/static/logback.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void thePagesScriptsAreEsModulesServedAsJavaScriptAndEveryImportIsServedToo() throws Exception {
        for (String page : List.of("/static/sync-page.js", "/static/contacts-page.js")) {
            assertThat(get(page).body()).contains("import ");
        }
        java.util.Deque<String> toLoad = new java.util.ArrayDeque<>(List.of("sync-page.js", "contacts-page.js"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!toLoad.isEmpty()) {
            String name = toLoad.pop();
            if (!seen.add(name)) {
                continue;
            }
            HttpResponse<String> js = get("/static/" + name);
            assertThat(js.statusCode()).as(name).isEqualTo(200);
            // A module is only run when it comes with a JavaScript type (nosniff makes browsers strict about it).
            assertThat(js.headers().firstValue("Content-Type").orElseThrow()).as(name).startsWith("text/javascript");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("from '\\./([a-z0-9-]+\\.js)'")
                    .matcher(js.body());
            while (m.find()) {
                toLoad.add(m.group(1));
            }
        }
        assertThat(seen).contains("api.js", "live.js", "format.js", "pause.js", "phones.js");
    }

    @Test
    void theDirectoryIsPublicForThePhones() throws Exception {
        HttpResponse<String> res = get("/directory");
        assertThat(res.statusCode()).as("no login asked of a phone").isNotIn(302, 401, 403);
    }

    @Test
    void sessionsAreNotTrackedInUrls() throws Exception {
        HttpResponse<String> res = get("/login");
        assertThat(res.body()).doesNotContainIgnoringCase("jsessionid");
        assertThat(res.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
    }
}
