package org.contactsync.jaxrs.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.InMemoryGoogleTokenStore;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jaxrs.testkit.BasicAuth;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.glassfish.jersey.client.ClientProperties;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventRecorder;
import org.contactsync.audit.InMemoryConfigEventLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoogleAuthResourceTest {
    private final PeopleApiEmulator google = PeopleApiEmulator.start();
    private final InMemoryGoogleTokenStore tokens = new InMemoryGoogleTokenStore();
    private final InMemoryConfigEventLog events = new InMemoryConfigEventLog();
    private ApiHarness api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        google.close();
    }

    @Test
    void aCallbackWithAWrongStateIsRefusedAndNothingIsConnected() {
        start(google.settings().build());
        Started s = connect();
        Map<String, String> back = query(google.consent(s.authorizationUrl));

        // Even a forger who can set the cookie too cannot use a state this server never handed out.
        Response r = callback(back.get("code"), "forged-" + back.get("state"), "forged-" + back.get("state"));

        assertThat(r.getStatus()).isEqualTo(400);
        JsonNode body = ApiHarness.json(r);
        assertThat(body.get("detail").asText()).contains("the state does not match");
        assertThat(tokens.load()).isEmpty();
        assertThat(status().get("connected").asBoolean()).isFalse();
    }

    @Test
    void aCallbackInABrowserThatDidNotStartTheConnectIsRefused() {
        start(google.settings().build());
        Started s = connect();
        Map<String, String> back = query(google.consent(s.authorizationUrl));

        Response r = callback(back.get("code"), back.get("state"), null);

        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(ApiHarness.json(r).get("detail").asText()).contains("not started in this browser");
        assertThat(tokens.load()).isEmpty();
    }

    @Test
    void theFullConnectFlowStoresTheTokenAndSendsTheBrowserBackToThePage() {
        start(google.settings().build());
        Started s = connect();
        URI callbackUrl = google.consent(s.authorizationUrl);
        Map<String, String> back = query(callbackUrl);
        assertThat(callbackUrl.getPath()).isEqualTo("/api/google/callback");
        assertThat(google.authorizationRequests().get(0)).containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent")
                .containsEntry("scope", "https://www.googleapis.com/auth/contacts.readonly");

        Response r = callback(back.get("code"), back.get("state"), s.stateCookie);

        assertThat(r.getStatus()).isEqualTo(303);
        assertThat(r.getLocation().getPath()).isEqualTo("/");
        assertThat(r.getLocation().getQuery()).isEqualTo("google=connected");
        JsonNode status = status();
        assertThat(status.get("connected").asBoolean()).isTrue();
        assertThat(status.get("account_email").asText()).isEqualTo("owner@example.com");
        assertThat(status.toString()).doesNotContain("emu-refresh").doesNotContain("ya29");
        assertThat(tokens.load()).isPresent();
        assertThat(events.page(10, 0).items()).extracting(ConfigEvent::kind, ConfigEvent::actor, ConfigEvent::summary)
                .containsExactly(tuple("google", ApiHarness.ADMIN_USER, "Google account connected (owner@example.com)."));
    }

    @Test
    void aFormPostToConnectIsRedirectedToGooglesConsentPage() {
        start(google.settings().build());

        Response r = api.target("api/google/connect").property(ClientProperties.FOLLOW_REDIRECTS, false)
                .request("text/html")
                .header("Authorization", BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD))
                .post(Entity.form(new jakarta.ws.rs.core.Form()));

        assertThat(r.getStatus()).isEqualTo(303);
        assertThat(r.getLocation().toString()).startsWith(google.authUrl().toString());
        NewCookie cookie = r.getCookies().get(GoogleAuthResource.STATE_COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/api/google");
        assertThat(query(r.getLocation())).containsEntry("state", cookie.getValue());
    }

    @Test
    void disconnectForgetsTheAccount() {
        start(google.settings().build());
        google.connect(tokens, settingsInUse);
        assertThat(status().get("connected").asBoolean()).isTrue();

        JsonNode body = ApiHarness.json(api.admin("api/google/disconnect").post(Entity.json("{}")));

        assertThat(body.get("connected").asBoolean()).isFalse();
        assertThat(tokens.load()).isEmpty();
        assertThat(events.page(10, 0).items()).extracting(ConfigEvent::kind, ConfigEvent::actor, ConfigEvent::summary)
                .containsExactly(tuple("google", ApiHarness.ADMIN_USER,
                        "Google account disconnected (owner@example.com)."));
    }

    @Test
    void aViewerCanSeeTheConnectionButNeitherConnectNorFinishAConnectNorDisconnect() {
        start(google.settings().build());
        Started s = connect();
        Map<String, String> back = query(google.consent(s.authorizationUrl));

        assertThat(api.viewer("api/google/status").get().getStatus()).isEqualTo(200);
        assertThat(api.viewer("api/google/connect").post(Entity.json("{}")).getStatus()).isEqualTo(403);
        assertThat(api.viewer("api/google/disconnect").post(Entity.json("{}")).getStatus()).isEqualTo(403);
        Response finish = api.target("api/google/callback").queryParam("code", back.get("code"))
                .queryParam("state", back.get("state")).request("application/json")
                .header("Authorization", BasicAuth.header(ApiHarness.VIEWER_USER, ApiHarness.VIEWER_PASSWORD))
                .cookie(GoogleAuthResource.STATE_COOKIE, s.stateCookie).get();
        assertThat(finish.getStatus()).isEqualTo(403);
        assertThat(ApiHarness.json(finish).get("detail").asText()).startsWith("You are signed in as a viewer");
        assertThat(tokens.load()).isEmpty();
        assertThat(events.page(10, 0).total()).isZero();
    }

    @Test
    void connectingWithoutAConfiguredClientAnswersWhatToSet() {
        start(GoogleSettings.builder().build());

        Response r = api.admin("api/google/connect").post(Entity.json("{}"));

        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(ApiHarness.json(r).get("detail").asText()).contains("contactsync.google.client-id");
        assertThat(status().get("configured").asBoolean()).isFalse();
    }

    @Test
    void onlyTheAdministratorMayUseIt() {
        start(google.settings().build());

        assertThat(api.target("api/google/status").request().get().getStatus()).isEqualTo(401);
        assertThat(api.target("api/google/callback").queryParam("state", "x").request().get().getStatus())
                .isEqualTo(401);
    }

    // ------------------------------------------------------------------

    private GoogleSettings settingsInUse;

    private void start(GoogleSettings settings) {
        settingsInUse = settings;
        GoogleAccount account = new GoogleAccount(settings, tokens);
        api = ApiHarness.builder().component(new GoogleAuthResource(account, ConfigEventRecorder.to(events))).build();
    }

    private record Started(URI authorizationUrl, String stateCookie) {
    }

    private Started connect() {
        Response r = api.admin("api/google/connect").post(Entity.json("{}"));
        assertThat(r.getStatus()).isEqualTo(200);
        String cookie = r.getCookies().get(GoogleAuthResource.STATE_COOKIE).getValue();
        JsonNode body = ApiHarness.json(r);
        return new Started(URI.create(body.get("authorization_url").asText()), cookie);
    }

    private Response callback(String code, String state, String cookie) {
        // As a browser coming back from Google: asks for HTML, and the redirect is checked, not followed.
        WebTarget t = api.target("api/google/callback").queryParam("code", code).queryParam("state", state)
                .property(ClientProperties.FOLLOW_REDIRECTS, false);
        var req = t.request("text/html").header("Authorization", BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD));
        if (cookie != null) {
            req = req.cookie(GoogleAuthResource.STATE_COOKIE, cookie);
        }
        return req.get();
    }

    private JsonNode status() {
        return ApiHarness.json(api.admin("api/google/status").get());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            m.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }
}
