package org.contactsync.jaxrs.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.contactsync.google.GoogleAccount;
import org.contactsync.google.GoogleDirectorySyncEngine;
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

    // ---------------------------------------------------------------- several Google sources

    @Test
    void eachGoogleSourceConnectsItsOwnAccountThroughTheOneCallback() {
        startSources();

        Started staff = connect("staff");
        URI staffBack = google.consent(staff.authorizationUrl);
        assertThat(staffBack.getPath()).isEqualTo("/api/google/callback");
        assertThat(google.authorizationRequests().get(0))
                .containsEntry("scope", "https://www.googleapis.com/auth/directory.readonly");
        assertThat(query(staffBack).get("state")).startsWith("staff.");
        Response r = callback(query(staffBack).get("code"), query(staffBack).get("state"), "staff", staff.stateCookie);

        assertThat(r.getStatus()).isEqualTo(303);
        assertThat(r.getLocation().getQuery()).isEqualTo("google=connected&source=staff");
        assertThat(status("staff").get("connected").asBoolean()).isTrue();
        assertThat(status("customers").get("connected").asBoolean()).isFalse();
        assertThat(staffTokens.load()).isPresent();
        assertThat(customerTokens.load()).isEmpty();

        Started customers = connect("customers");
        Map<String, String> back = query(google.consent(customers.authorizationUrl));
        assertThat(google.authorizationRequests().get(1))
                .containsEntry("scope", "https://www.googleapis.com/auth/contacts.readonly");
        assertThat(callback(back.get("code"), back.get("state"), "customers", customers.stateCookie).getStatus())
                .isEqualTo(303);
        assertThat(status("customers").get("connected").asBoolean()).isTrue();
        assertThat(status("customers").get("source").asText()).isEqualTo("customers");
    }

    @Test
    void aStateHandedOutForOneSourceCannotConnectAnother() {
        startSources();
        Started staff = connect("staff");
        Map<String, String> back = query(google.consent(staff.authorizationUrl));
        // A forger relabels the staff state as the customers' (and sets the matching cookie).
        String relabelled = "customers" + back.get("state").substring("staff".length());

        Response r = callback(back.get("code"), relabelled, "customers", relabelled);

        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(ApiHarness.json(r).get("detail").asText()).contains("the state does not match");
        assertThat(customerTokens.load()).isEmpty();
        assertThat(staffTokens.load()).isEmpty();
    }

    @Test
    void disconnectingOneSourceKeepsTheOthersAccount() {
        startSources();
        google.connect(staffTokens, staffSettings);
        google.connect(customerTokens, settingsInUse);

        JsonNode body = ApiHarness.json(api.admin("api/google/customers/disconnect").post(Entity.json("{}")));

        assertThat(body.get("source").asText()).isEqualTo("customers");
        assertThat(body.get("connected").asBoolean()).isFalse();
        assertThat(customerTokens.load()).isEmpty();
        assertThat(status("staff").get("connected").asBoolean()).isTrue();
    }

    @Test
    void anUnknownSourceOrAPathWithoutOneAmongSeveralSourcesAnswersWhichSourcesThereAre() {
        startSources();

        Response unknown = api.admin("api/google/suppliers/connect").post(Entity.json("{}"));
        Response unnamed = api.admin("api/google/status").get();

        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(ApiHarness.json(unknown).get("detail").asText())
                .isEqualTo("There is no Google source named 'suppliers'. The Google sources are: staff, customers.");
        assertThat(unnamed.getStatus()).isEqualTo(404);
        assertThat(ApiHarness.json(unnamed).get("detail").asText()).contains("/api/google/staff/connect");
    }

    @Test
    void theDefaultSourceAnswersOnItsNamedPathsToo() {
        start(google.settings().build());
        google.connect(tokens, settingsInUse);

        assertThat(status("default").get("connected").asBoolean()).isTrue();
        assertThat(status().get("source").asText()).isEqualTo("default");
    }

    // ------------------------------------------------------------------

    private final InMemoryGoogleTokenStore staffTokens = new InMemoryGoogleTokenStore();
    private final InMemoryGoogleTokenStore customerTokens = new InMemoryGoogleTokenStore();
    private GoogleSettings staffSettings;

    /** A Workspace directory source "staff" and a Google Contacts source "customers", each with its own store. */
    private void startSources() {
        staffSettings = google.settings().scopes(List.of(GoogleDirectorySyncEngine.SCOPE)).build();
        settingsInUse = google.settings().build();
        api = ApiHarness.builder().component(new GoogleAuthResource(List.of(
                new GoogleAccount("staff", staffSettings, staffTokens),
                new GoogleAccount("customers", settingsInUse, customerTokens)), ConfigEventRecorder.to(events)))
                .build();
    }

    private Started connect(String source) {
        Response r = api.admin("api/google/" + source + "/connect").post(Entity.json("{}"));
        assertThat(r.getStatus()).isEqualTo(200);
        String cookie = r.getCookies().get(GoogleAuthResource.STATE_COOKIE + "_" + source).getValue();
        return new Started(URI.create(ApiHarness.json(r).get("authorization_url").asText()), cookie);
    }

    private JsonNode status(String source) {
        return ApiHarness.json(api.admin("api/google/" + source + "/status").get());
    }

    private GoogleSettings settingsInUse;

    private void start(GoogleSettings settings) {
        settingsInUse = settings;
        GoogleAccount account = new GoogleAccount(settings, tokens);
        api = ApiHarness.builder().component(new GoogleAuthResource(List.of(account), ConfigEventRecorder.to(events))).build();
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
        return callback(code, state, "default", cookie);
    }

    private Response callback(String code, String state, String source, String cookie) {
        // As a browser coming back from Google: asks for HTML, and the redirect is checked, not followed.
        WebTarget t = api.target("api/google/callback").queryParam("code", code).queryParam("state", state)
                .property(ClientProperties.FOLLOW_REDIRECTS, false);
        var req = t.request("text/html").header("Authorization", BasicAuth.header(ApiHarness.ADMIN_USER, ApiHarness.ADMIN_PASSWORD));
        if (cookie != null) {
            req = req.cookie(source.equals("default") ? GoogleAuthResource.STATE_COOKIE
                    : GoogleAuthResource.STATE_COOKIE + "_" + source, cookie);
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
