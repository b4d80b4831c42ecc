package org.contactsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.contactsync.testkit.MutableClock;
import org.contactsync.testkit.google.PeopleApiEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoogleAccountTest {
    private static final URI CALLBACK = URI.create("http://127.0.0.1:8080/api/google/callback");

    private final PeopleApiEmulator google = PeopleApiEmulator.start();
    private final InMemoryGoogleTokenStore store = new InMemoryGoogleTokenStore();
    private final MutableClock clock = MutableClock.startingNow();
    private final GoogleSettings settings = google.settings().build();
    private final GoogleAccount account = new GoogleAccount(settings, store, clock);

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void theConsentUrlAsksForOfflineReadOnlyContactsAccessWithAState() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);

        Map<String, String> q = query(req.authorizationUrl());
        assertThat(req.authorizationUrl().toString()).startsWith(google.authUrl().toString());
        assertThat(q).containsEntry("response_type", "code")
                .containsEntry("client_id", PeopleApiEmulator.CLIENT_ID)
                .containsEntry("redirect_uri", CALLBACK.toString())
                .containsEntry("scope", "https://www.googleapis.com/auth/contacts.readonly")
                .containsEntry("access_type", "offline")
                .containsEntry("prompt", "consent")
                .containsEntry("state", req.state());
        assertThat(req.state()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(account.startAuthorization(CALLBACK).state()).isNotEqualTo(req.state());
    }

    @Test
    void aNamedSourcesStateStartsWithItsNameAndOnlyThatSourcesAccountFinishesIt() {
        InMemoryGoogleTokenStore staffTokens = new InMemoryGoogleTokenStore();
        GoogleAccount staff = new GoogleAccount("staff", settings, staffTokens, clock);
        AuthorizationRequest req = staff.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));

        assertThat(req.state()).startsWith("staff.");
        assertThat(GoogleAccount.sourceOfState(req.state())).contains("staff");
        assertThatThrownBy(() -> account.completeAuthorization(back.get("code"), back.get("state"), null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class).hasMessageContaining("the state does not match");
        assertThat(staff.completeAuthorization(back.get("code"), back.get("state"), null, CALLBACK).connected())
                .isTrue();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aStateWithoutASourceNameIsTheDefaultSourcesAndNoStateHasNone() {
        assertThat(account.startAuthorization(CALLBACK).state()).startsWith("default.");
        assertThat(GoogleAccount.sourceOfState("AbCdEf123")).contains("default");
        assertThat(GoogleAccount.sourceOfState(" ")).isEmpty();
        assertThatThrownBy(() -> new GoogleAccount("a.b", settings, store, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCallbackExchangesTheCodeAndStoresTheRefreshTokenEncrypted() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));

        GoogleConnectionStatus status = account.completeAuthorization(back.get("code"), back.get("state"), null,
                CALLBACK);

        assertThat(status.connected()).isTrue();
        assertThat(status.accountEmail()).isEqualTo("owner@example.com");
        StoredGoogleToken stored = store.load().orElseThrow();
        assertThat(stored.encryptedRefreshToken()).startsWith("v1:").doesNotContain("emu-refresh");
        String refresh = account.refreshToken().orElseThrow();
        assertThat(google.acceptsRefreshToken(refresh)).isTrue();
        assertThat(stored.toString()).doesNotContain(stored.encryptedRefreshToken());
    }

    @Test
    void aCallbackWithAWrongStateIsRefusedAndStoresNothing() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));

        assertThatThrownBy(() -> account.completeAuthorization(back.get("code"), "forged-state", null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class)
                .hasMessageContaining("the state does not match");
        assertThatThrownBy(() -> account.completeAuthorization(back.get("code"), null, null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class);
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aStateWorksOnlyOnce() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));
        account.completeAuthorization(back.get("code"), back.get("state"), null, CALLBACK);

        assertThatThrownBy(() -> account.completeAuthorization(back.get("code"), back.get("state"), null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class)
                .hasMessageContaining("already used");
    }

    @Test
    void aStateExpires() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));
        clock.advance(settings.stateTimeToLive().plus(Duration.ofSeconds(1)));

        assertThatThrownBy(() -> account.completeAuthorization(back.get("code"), back.get("state"), null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class)
                .hasMessageContaining("expired");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aDeniedConsentIsReportedAndStoresNothing() {
        google.denyConsent(true);
        AuthorizationRequest req = account.startAuthorization(CALLBACK);
        Map<String, String> back = query(google.consent(req.authorizationUrl()));

        assertThatThrownBy(() -> account.completeAuthorization(null, back.get("state"), back.get("error"), CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class)
                .hasMessageContaining("access_denied");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void aCodeTheTokenEndpointRefusesIsReportedWithItsReason() {
        AuthorizationRequest req = account.startAuthorization(CALLBACK);

        assertThatThrownBy(() -> account.completeAuthorization("4/made-up", req.state(), null, CALLBACK))
                .isInstanceOf(GoogleAuthorizationException.class)
                .hasMessageContaining("invalid_grant");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void startUpFailsClearlyWhenATokenIsStoredButTheKeyIsMissing() {
        google.connect(store, settings);
        GoogleSettings noKey = settings.toBuilder().tokenKey(null).build();

        assertThatThrownBy(() -> new GoogleAccount(noKey, store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("contactsync.google.token-key is not set");
    }

    @Test
    void startUpFailsClearlyWhenATokenIsStoredButTheKeyIsWrong() {
        google.connect(store, settings);
        GoogleSettings otherKey = settings.toBuilder().tokenKey(TokenCipher.generateBase64Key()).build();

        assertThatThrownBy(() -> new GoogleAccount(otherKey, store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not decrypt with the configured contactsync.google.token-key")
                .hasMessageContaining("cs_google_credential");
    }

    @Test
    void disconnectForgetsTheToken() {
        google.connect(store, settings);
        assertThat(account.status().connected()).isTrue();

        account.disconnect();

        assertThat(account.status()).isEqualTo(new GoogleConnectionStatus(true, false, null, null));
    }

    @Test
    void settingsNeverShowTheSecretOrTheKey() {
        assertThat(settings.toString()).doesNotContain(PeopleApiEmulator.CLIENT_SECRET)
                .doesNotContain(settings.tokenKey());
    }

    @Test
    void settingsAreReadFromConfigurationKeys() {
        Map<String, String> cfg = Map.of(
                "contactsync.google.client-id", "id", "contactsync.google.client-secret", "secret",
                "contactsync.google.groups", "Friends, contactGroups/abc ,",
                "contactsync.google.api-root-url", "http://127.0.0.1:1234",
                "contactsync.google.token-url", "http://127.0.0.1:1234/token");

        GoogleSettings s = GoogleSettings.fromConfig(cfg::get);

        assertThat(s.groups()).containsExactly("Friends", "contactGroups/abc");
        assertThat(s.apiRootUrl()).hasToString("http://127.0.0.1:1234/");
        assertThat(s.authUrl()).isEqualTo(GoogleSettings.DEFAULT_AUTH_URL);
        assertThatThrownBy(() -> GoogleSettings.fromConfig(Map.of("contactsync.google.token-url", "nope")::get))
                .hasMessageContaining("contactsync.google.token-url must be an absolute");
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
