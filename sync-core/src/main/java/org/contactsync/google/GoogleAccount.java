package org.contactsync.google;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.contactsync.contact.Contact;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.UserCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Google account ContactSync reads: the OAuth authorization-code flow (offline access, {@code state} checked,
 * single use, expiring), the encrypted refresh token, status and disconnect. {@link GooglePeopleSyncEngine} gets its
 * credentials from here. Neither the refresh token nor an access token ever leaves this class except towards Google.
 *
 * <p>Each Google source has an account of its own (its own {@link GoogleTokenStore}); the {@code state} of a connect
 * starts with the source's name and a '.', so one callback URL serves every source ({@link #sourceOfState}), and the
 * state is stored in that source's store only, so it cannot finish another source's connect.
 *
 * <p>Construction checks, as a start-up check, that a stored token can be decrypted with the configured key.
 */
public final class GoogleAccount {
    private static final Logger log = LoggerFactory.getLogger(GoogleAccount.class);
    static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    private static final String STATE_SEPARATOR = ".";

    private final String source;
    private final GoogleSettings settings;
    private final GoogleTokenStore store;
    private final Clock clock;
    private final TokenCipher cipher;
    private final HttpTransport transport = new NetHttpTransport();
    private final SecureRandom random = new SecureRandom();

    /** The account of the source {@code default}. */
    public GoogleAccount(GoogleSettings settings, GoogleTokenStore store) {
        this(Contact.DEFAULT_SOURCE, settings, store, Clock.systemUTC());
    }

    public GoogleAccount(GoogleSettings settings, GoogleTokenStore store, Clock clock) {
        this(Contact.DEFAULT_SOURCE, settings, store, clock);
    }

    /** The account of the named source, kept in that source's {@code store}. */
    public GoogleAccount(String source, GoogleSettings settings, GoogleTokenStore store) {
        this(source, settings, store, Clock.systemUTC());
    }

    /**
     * @param source the name of the source this account belongs to: letters, digits, '-' and '_' (no '.')
     * @throws IllegalArgumentException when the token key is malformed or the source name is not allowed
     * @throws IllegalStateException    when a token is stored but the key is missing or cannot decrypt it
     */
    public GoogleAccount(String source, GoogleSettings settings, GoogleTokenStore store, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        if (source.isEmpty() || source.contains(STATE_SEPARATOR)) {
            throw new IllegalArgumentException("A Google source's name must not be empty or contain '.', was '"
                    + source + "'");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cipher = settings.tokenKey() == null ? null : TokenCipher.fromBase64Key(settings.tokenKey());
        verifyStoredToken();
    }

    public GoogleSettings settings() {
        return settings;
    }

    /** The name of the source this account belongs to. */
    public String source() {
        return source;
    }

    /**
     * The source a {@code state} from Google's callback was handed out for (the part before the first '.'), or
     * {@code default} for a state without one; empty for no state. Only a hint for choosing the account: that
     * account's store still has to know the state.
     */
    public static Optional<String> sourceOfState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        int dot = state.indexOf(STATE_SEPARATOR);
        return Optional.of(dot < 0 ? Contact.DEFAULT_SOURCE : state.substring(0, dot));
    }

    /** The callback URL to use: the configured one, else the one the web layer derived from the request. */
    public URI redirectUri(URI derived) {
        return settings.redirectUri() != null ? settings.redirectUri() : derived;
    }

    /** Starts a connect: remembers a fresh {@code state} and returns Google's consent URL carrying it. */
    public AuthorizationRequest startAuthorization(URI redirectUri) {
        requireConfigured();
        if (cipher == null) {
            throw new GoogleAuthorizationException(GoogleSettings.KEY_TOKEN_KEY + " is not set, so the Google token "
                    + "could not be stored safely. Generate a key with `openssl rand -base64 32`, set it, restart, "
                    + "and connect again.");
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String state = source + STATE_SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant expiresAt = clock.instant().plus(settings.stateTimeToLive());
        store.savePendingState(hash(state), expiresAt);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", redirectUri.toString());
        q.put("scope", String.join(" ", settings.scopes()));
        q.put("access_type", "offline");
        q.put("prompt", "consent");
        q.put("include_granted_scopes", "true");
        q.put("state", state);
        String query = q.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = settings.authUrl().toString();
        URI url = URI.create(base + (base.contains("?") ? "&" : "?") + query);
        return new AuthorizationRequest(url, state, expiresAt);
    }

    /**
     * Finishes a connect from Google's callback: checks the state (known, unexpired, not used before), exchanges the
     * code for tokens at the token URL and stores the refresh token encrypted.
     *
     * @param error Google's {@code error} parameter (e.g. access_denied when the user said no), or null
     */
    public GoogleConnectionStatus completeAuthorization(String code, String state, String error, URI redirectUri) {
        requireConfigured();
        if (state == null || state.isBlank() || !store.consumePendingState(hash(state), clock.instant())) {
            throw new GoogleAuthorizationException("This Google sign-in does not belong to a connect started here, "
                    + "or it expired or was already used (the state does not match). Start again with "
                    + "\"Connect Google\" on the sync page.");
        }
        if (error != null && !error.isBlank()) {
            throw new GoogleAuthorizationException("Google did not grant access (" + error + "). Start again with "
                    + "\"Connect Google\" on the sync page and allow ContactSync to read your contacts.");
        }
        if (code == null || code.isBlank()) {
            throw new GoogleAuthorizationException("Google's answer had no authorization code. Start again with "
                    + "\"Connect Google\" on the sync page.");
        }
        TokenResponse tokens;
        try {
            tokens = new AuthorizationCodeTokenRequest(transport, JSON, new GenericUrl(settings.tokenUrl()), code)
                    .setRedirectUri(redirectUri.toString())
                    .setClientAuthentication(new ClientParametersAuthentication(settings.clientId(),
                            settings.clientSecret()))
                    .setRequestInitializer(r -> r.setConnectTimeout(millis(settings.connectTimeout()))
                            .setReadTimeout(millis(settings.readTimeout())))
                    .execute();
        } catch (TokenResponseException e) {
            String reason = e.getDetails() == null ? "HTTP " + e.getStatusCode() : e.getDetails().getError()
                    + (e.getDetails().getErrorDescription() == null ? "" : ": "
                    + e.getDetails().getErrorDescription());
            throw new GoogleAuthorizationException("Google refused to finish the sign-in (" + reason + "). Check "
                    + GoogleSettings.KEY_CLIENT_ID + ", " + GoogleSettings.KEY_CLIENT_SECRET + " and the redirect URI "
                    + redirectUri + " registered for the OAuth client, then connect again.", e);
        } catch (IOException e) {
            throw new GoogleAuthorizationException("Could not reach Google's token endpoint (" + e.getMessage()
                    + "). Check the network and connect again.", e);
        }
        if (tokens.getRefreshToken() == null) {
            throw new GoogleAuthorizationException("Google did not hand out a refresh token, so ContactSync could "
                    + "not sync later on its own. Remove ContactSync's access at "
                    + "https://myaccount.google.com/permissions and connect again.");
        }
        String email = emailFromIdToken(tokens);
        store.save(new StoredGoogleToken(cipher.encrypt(tokens.getRefreshToken()), email, clock.instant()));
        log.info("Google account connected for source {}{}", source, email == null ? "" : " (" + email + ")");
        return status();
    }

    public GoogleConnectionStatus status() {
        Optional<StoredGoogleToken> t = store.load();
        return new GoogleConnectionStatus(settings.configured(), t.isPresent(),
                t.map(StoredGoogleToken::accountEmail).orElse(null), t.map(StoredGoogleToken::connectedAt).orElse(null));
    }

    /** Forgets the stored token. Access stays granted at Google until the user removes it there. */
    public void disconnect() {
        store.clear();
        log.info("Google account disconnected from source {}", source);
    }

    /** The decrypted refresh token, for the engine only. */
    Optional<String> refreshToken() {
        Optional<StoredGoogleToken> t = store.load();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (cipher == null) {
            throw new IllegalStateException(missingKeyMessage());
        }
        try {
            return Optional.of(cipher.decrypt(t.get().encryptedRefreshToken()));
        } catch (TokenCipher.WrongKeyException e) {
            throw new IllegalStateException(wrongKeyMessage(e));
        }
    }

    /** Credentials that refresh access tokens at the configured token URL. */
    UserCredentials credentials(String refreshToken) {
        return UserCredentials.newBuilder()
                .setClientId(settings.clientId())
                .setClientSecret(settings.clientSecret())
                .setRefreshToken(refreshToken)
                .setTokenServerUri(settings.tokenUrl())
                .setHttpTransportFactory(() -> transport)
                .build();
    }

    HttpTransport transport() {
        return transport;
    }

    private void verifyStoredToken() {
        Optional<StoredGoogleToken> t = store.load();
        if (t.isEmpty()) {
            return;
        }
        if (cipher == null) {
            throw new IllegalStateException(missingKeyMessage());
        }
        try {
            cipher.decrypt(t.get().encryptedRefreshToken());
        } catch (TokenCipher.WrongKeyException e) {
            throw new IllegalStateException(wrongKeyMessage(e));
        }
    }

    private static String missingKeyMessage() {
        return "A Google account is connected but " + GoogleSettings.KEY_TOKEN_KEY + " is not set, so its stored "
                + "token cannot be read. Set the key it was saved with; or, to start over, delete the row in table "
                + "cs_google_credential, set a new key and connect Google again.";
    }

    private static String wrongKeyMessage(TokenCipher.WrongKeyException e) {
        return e.getMessage() + " Set " + GoogleSettings.KEY_TOKEN_KEY + " to the key the token was saved with; or, "
                + "to start over, delete the row in table cs_google_credential and connect Google again.";
    }

    private void requireConfigured() {
        if (!settings.configured()) {
            throw new GoogleAuthorizationException("Google is not set up: set " + GoogleSettings.KEY_CLIENT_ID + " and "
                    + GoogleSettings.KEY_CLIENT_SECRET + " (see docs/google.md) and restart.");
        }
    }

    /** The email claim of the id token, when Google sent one (only with the openid/email scopes); never verified
     * beyond coming straight from the token endpoint over TLS, and only shown, never trusted for access. */
    private static String emailFromIdToken(TokenResponse tokens) {
        Object idToken = tokens.get("id_token");
        if (!(idToken instanceof String s)) {
            return null;
        }
        String[] parts = s.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Object email = JSON.fromString(payload, GenericJson.class).get("email");
            return email instanceof String e ? e : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static String hash(String state) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    static int millis(java.time.Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
