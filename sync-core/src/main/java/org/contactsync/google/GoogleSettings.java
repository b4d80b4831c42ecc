package org.contactsync.google;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything the Google connection needs: the OAuth client, the token encryption key, the contact groups to sync
 * and the endpoints (configurable so tests and benchmarks point the real client at a local emulator).
 *
 * <p>{@link #toString()} never shows the client secret or the token key.
 *
 * @param clientId          OAuth client id ({@code contactsync.google.client-id}); null when Google is not set up
 * @param clientSecret      OAuth client secret ({@code contactsync.google.client-secret})
 * @param tokenKey          base64 AES key (32 bytes) that encrypts the stored refresh token
 *                          ({@code contactsync.google.token-key}); null when not set
 * @param groups            contact group names or ids to sync; empty means every contact
 *                          ({@code contactsync.google.groups}, comma separated)
 * @param apiRootUrl        People API root ({@code contactsync.google.api-root-url})
 * @param tokenUrl          OAuth token endpoint ({@code contactsync.google.token-url})
 * @param authUrl           OAuth consent page ({@code contactsync.google.auth-url})
 * @param redirectUri       the callback URL registered at Google, when the server cannot derive it itself (behind a
 *                          proxy); null means "derive from the request" ({@code contactsync.google.redirect-uri})
 * @param connectTimeout    connect timeout of every call to Google
 * @param readTimeout       read timeout of every call to Google
 * @param retryInitialDelay first wait before retrying a rate-limited or failed call; doubles per attempt
 * @param retryMaxDelay     the longest single wait between two attempts
 * @param retryMaxTotal     how long one call may keep failing before the run gives up
 * @param pageSize          contacts per page (1..1000)
 * @param stateTimeToLive   how long a started "connect" may take before its {@code state} expires
 * @param scopes            the OAuth scopes asked for when connecting (default: contacts.readonly)
 */
public record GoogleSettings(
        String clientId,
        String clientSecret,
        String tokenKey,
        List<String> groups,
        URI apiRootUrl,
        URI tokenUrl,
        URI authUrl,
        URI redirectUri,
        Duration connectTimeout,
        Duration readTimeout,
        Duration retryInitialDelay,
        Duration retryMaxDelay,
        Duration retryMaxTotal,
        int pageSize,
        Duration stateTimeToLive,
        List<String> scopes) {

    public static final String KEY_CLIENT_ID = "contactsync.google.client-id";
    public static final String KEY_CLIENT_SECRET = "contactsync.google.client-secret";
    public static final String KEY_TOKEN_KEY = "contactsync.google.token-key";
    public static final String KEY_GROUPS = "contactsync.google.groups";
    public static final String KEY_API_ROOT_URL = "contactsync.google.api-root-url";
    public static final String KEY_TOKEN_URL = "contactsync.google.token-url";
    public static final String KEY_AUTH_URL = "contactsync.google.auth-url";
    public static final String KEY_REDIRECT_URI = "contactsync.google.redirect-uri";

    public static final URI DEFAULT_API_ROOT_URL = URI.create("https://people.googleapis.com/");
    public static final URI DEFAULT_TOKEN_URL = URI.create("https://oauth2.googleapis.com/token");
    public static final URI DEFAULT_AUTH_URL = URI.create("https://accounts.google.com/o/oauth2/v2/auth");
    public static final String SCOPE = "https://www.googleapis.com/auth/contacts.readonly";

    public GoogleSettings {
        clientId = blankToNull(clientId);
        clientSecret = blankToNull(clientSecret);
        tokenKey = blankToNull(tokenKey);
        groups = groups == null ? List.of() : groups.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
        apiRootUrl = withTrailingSlash(Objects.requireNonNullElse(apiRootUrl, DEFAULT_API_ROOT_URL));
        tokenUrl = Objects.requireNonNullElse(tokenUrl, DEFAULT_TOKEN_URL);
        authUrl = Objects.requireNonNullElse(authUrl, DEFAULT_AUTH_URL);
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(10), "connectTimeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(30), "readTimeout");
        retryInitialDelay = positive(retryInitialDelay, Duration.ofSeconds(1), "retryInitialDelay");
        retryMaxDelay = positive(retryMaxDelay, Duration.ofSeconds(30), "retryMaxDelay");
        retryMaxTotal = positive(retryMaxTotal, Duration.ofMinutes(2), "retryMaxTotal");
        stateTimeToLive = positive(stateTimeToLive, Duration.ofMinutes(10), "stateTimeToLive");
        scopes = scopes == null || scopes.isEmpty() ? List.of(SCOPE) : List.copyOf(scopes);
        if (pageSize == 0) {
            pageSize = 1000;
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be between 1 and 1000 (the People API's limit), was "
                    + pageSize);
        }
        if (clientId != null && clientSecret == null) {
            throw new IllegalArgumentException(KEY_CLIENT_SECRET + " is not set but " + KEY_CLIENT_ID
                    + " is. Set both from the OAuth client in the Google Cloud console (see docs/google.md).");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code contactsync.google.*} keys through {@code lookup} (a configuration source returning null for
     * unset keys). A malformed URL names its key.
     */
    public static GoogleSettings fromConfig(Function<String, String> lookup) {
        Builder b = builder()
                .clientId(lookup.apply(KEY_CLIENT_ID))
                .clientSecret(lookup.apply(KEY_CLIENT_SECRET))
                .tokenKey(lookup.apply(KEY_TOKEN_KEY));
        String groups = lookup.apply(KEY_GROUPS);
        if (groups != null) {
            b.groups(List.of(groups.split(",")));
        }
        b.apiRootUrl(uri(lookup, KEY_API_ROOT_URL));
        b.tokenUrl(uri(lookup, KEY_TOKEN_URL));
        b.authUrl(uri(lookup, KEY_AUTH_URL));
        b.redirectUri(uri(lookup, KEY_REDIRECT_URI));
        return b.build();
    }

    /** Whether an OAuth client is configured at all. */
    public boolean configured() {
        return clientId != null;
    }

    public Builder toBuilder() {
        return new Builder().clientId(clientId).clientSecret(clientSecret).tokenKey(tokenKey).groups(groups)
                .apiRootUrl(apiRootUrl).tokenUrl(tokenUrl).authUrl(authUrl).redirectUri(redirectUri)
                .connectTimeout(connectTimeout).readTimeout(readTimeout).retryInitialDelay(retryInitialDelay)
                .retryMaxDelay(retryMaxDelay).retryMaxTotal(retryMaxTotal).pageSize(pageSize)
                .stateTimeToLive(stateTimeToLive).scopes(scopes);
    }

    @Override
    public String toString() {
        return "GoogleSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "unset" : "***")
                + ", tokenKey=" + (tokenKey == null ? "unset" : "***") + ", groups=" + groups + ", apiRootUrl="
                + apiRootUrl + ", tokenUrl=" + tokenUrl + ", authUrl=" + authUrl + ", redirectUri=" + redirectUri
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", retryMaxTotal="
                + retryMaxTotal + ", pageSize=" + pageSize + "]";
    }

    private static URI uri(Function<String, String> lookup, String key) {
        String v = blankToNull(lookup.apply(key));
        if (v == null) {
            return null;
        }
        try {
            URI u = URI.create(v);
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be an absolute http(s) URL, was \"" + v + "\"", e);
        }
    }

    private static URI withTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? u : URI.create(s + "/");
    }

    private static Duration positive(Duration d, Duration dflt, String name) {
        if (d == null) {
            return dflt;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Builds settings; everything but the client id and secret has a default. */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private String tokenKey;
        private List<String> groups = new ArrayList<>();
        private URI apiRootUrl;
        private URI tokenUrl;
        private URI authUrl;
        private URI redirectUri;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration retryInitialDelay;
        private Duration retryMaxDelay;
        private Duration retryMaxTotal;
        private int pageSize;
        private Duration stateTimeToLive;
        private List<String> scopes;

        private Builder() {
        }

        public Builder clientId(String v) {
            this.clientId = v;
            return this;
        }

        public Builder clientSecret(String v) {
            this.clientSecret = v;
            return this;
        }

        public Builder tokenKey(String v) {
            this.tokenKey = v;
            return this;
        }

        public Builder groups(List<String> v) {
            this.groups = new ArrayList<>(v);
            return this;
        }

        public Builder apiRootUrl(URI v) {
            this.apiRootUrl = v;
            return this;
        }

        public Builder tokenUrl(URI v) {
            this.tokenUrl = v;
            return this;
        }

        public Builder authUrl(URI v) {
            this.authUrl = v;
            return this;
        }

        public Builder redirectUri(URI v) {
            this.redirectUri = v;
            return this;
        }

        public Builder connectTimeout(Duration v) {
            this.connectTimeout = v;
            return this;
        }

        public Builder readTimeout(Duration v) {
            this.readTimeout = v;
            return this;
        }

        public Builder retryInitialDelay(Duration v) {
            this.retryInitialDelay = v;
            return this;
        }

        public Builder retryMaxDelay(Duration v) {
            this.retryMaxDelay = v;
            return this;
        }

        public Builder retryMaxTotal(Duration v) {
            this.retryMaxTotal = v;
            return this;
        }

        public Builder pageSize(int v) {
            this.pageSize = v;
            return this;
        }

        public Builder stateTimeToLive(Duration v) {
            this.stateTimeToLive = v;
            return this;
        }

        /**
         * The OAuth scopes asked for when connecting; default {@link #SCOPE} (contacts.readonly). The Workspace
         * directory needs {@code GoogleDirectorySyncEngine.SCOPE}.
         */
        public Builder scopes(List<String> v) {
            this.scopes = v;
            return this;
        }

        public GoogleSettings build() {
            return new GoogleSettings(clientId, clientSecret, tokenKey, groups, apiRootUrl, tokenUrl, authUrl,
                    redirectUri, connectTimeout, readTimeout, retryInitialDelay, retryMaxDelay, retryMaxTotal,
                    pageSize, stateTimeToLive, scopes);
        }
    }
}
