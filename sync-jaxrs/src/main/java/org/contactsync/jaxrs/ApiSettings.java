package org.contactsync.jaxrs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Objects;

import org.contactsync.jaxrs.support.ClientUrl;

/**
 * How the REST API protects itself and paces live events. Immutable; build with {@link #builder()}.
 *
 * <p>The administrator is whoever the container says has {@link #adminRole()}, or, failing that, whoever sends
 * the configured admin user name and password by HTTP Basic. A viewer ({@link #viewerRole()}, or the configured
 * viewer credentials) may read everything the administrator can but change nothing. {@link #toString()} never shows a
 * password.
 */
public final class ApiSettings {
    /** The container role that grants the admin API, unless configured otherwise. */
    public static final String DEFAULT_ADMIN_ROLE = "contactsync-admin";
    /** The container role that grants read-only access, unless configured otherwise. */
    public static final String DEFAULT_VIEWER_ROLE = "contactsync-viewer";

    private final String adminRole;
    private final String adminUser;
    private final byte[] adminUserHash;
    private final byte[] adminPasswordHash;
    private final byte[] metricsTokenHash;
    private final String viewerRole;
    private final Credentials viewer;
    private final ClientUrl clientUrl;
    private final boolean authenticatedByHost;
    private final Duration eventPollInterval;
    private final Duration eventMinGap;
    private final Duration eventHeartbeat;

    private ApiSettings(Builder b) {
        this.adminRole = b.adminRole;
        this.adminUser = b.adminUser;
        this.adminUserHash = b.adminUser == null ? null : sha256(b.adminUser);
        this.adminPasswordHash = b.adminPassword == null ? null : sha256(b.adminPassword);
        this.clientUrl = new ClientUrl(b.publicBaseUrl, b.trustProxy);
        this.metricsTokenHash = b.metricsToken == null ? null : sha256(b.metricsToken);
        this.authenticatedByHost = b.authenticatedByHost;
        this.viewerRole = b.viewerRole;
        this.viewer = b.viewerUser == null ? null : new Credentials(sha256(b.viewerUser), sha256(b.viewerPassword));
        this.eventPollInterval = b.eventPollInterval;
        this.eventMinGap = b.eventMinGap;
        this.eventHeartbeat = b.eventHeartbeat;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: role {@value #DEFAULT_ADMIN_ROLE}, no Basic credentials, no public base URL, forwarded headers ignored. */
    public static ApiSettings defaults() {
        return builder().build();
    }

    public String adminRole() {
        return adminRole;
    }

    /** Whether HTTP Basic admin credentials are configured. */
    public boolean hasAdminCredentials() {
        return adminUserHash != null && adminPasswordHash != null;
    }

    /**
     * Whether the given user name and password are the configured admin's. Compares digests with a constant-time
     * comparison, so neither the length nor a matching prefix leaks through timing.
     */
    public boolean isAdmin(String user, String password) {
        if (!hasAdminCredentials() || user == null || password == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(adminUserHash, sha256(user));
        boolean passwordOk = MessageDigest.isEqual(adminPasswordHash, sha256(password));
        return userOk & passwordOk;
    }

    /** The container role that grants read-only access (default {@value #DEFAULT_VIEWER_ROLE}). */
    public String viewerRole() {
        return viewerRole;
    }

    /** Whether HTTP Basic viewer credentials are configured. */
    public boolean hasViewerCredentials() {
        return viewer != null;
    }

    /** Whether the given user name and password are the configured viewer's (constant-time, like {@link #isAdmin}). */
    public boolean isViewer(String user, String password) {
        if (viewer == null || user == null || password == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(viewer.userHash(), sha256(user));
        boolean passwordOk = MessageDigest.isEqual(viewer.passwordHash(), sha256(password));
        return userOk & passwordOk;
    }

    /**
     * Whether the host application signs users in itself (a login page, HTTP Basic against its own credentials)
     * and hands the API requests whose user is in {@link #adminRole()}; the API then only checks the role.
     */
    public boolean authenticatedByHost() {
        return authenticatedByHost;
    }

    /** Whether a bearer token for {@code /metrics} is configured. */
    public boolean hasMetricsToken() {
        return metricsTokenHash != null;
    }

    /** Whether {@code token} is the configured metrics token (constant-time, like {@link #isAdmin}). */
    public boolean isMetricsToken(String token) {
        return metricsTokenHash != null && token != null && MessageDigest.isEqual(metricsTokenHash, sha256(token));
    }

    /** Which URL the client used (public base URL, trusted proxy headers, the request), e.g. for the CSRF check. */
    public ClientUrl clientUrl() {
        return clientUrl;
    }

    /** How often the live-events poller reads the sync status (which covers runs on other nodes). */
    public Duration eventPollInterval() {
        return eventPollInterval;
    }

    /** The least time between two status events, so a busy run sends at most about 1 / minGap events a second. */
    public Duration eventMinGap() {
        return eventMinGap;
    }

    /** How often an idle event stream gets a comment line, so proxies do not close it. */
    public Duration eventHeartbeat() {
        return eventHeartbeat;
    }

    @Override
    public String toString() {
        return "ApiSettings[adminRole=" + adminRole + ", adminUser=" + (adminUser == null ? "(none)" : adminUser)
                + ", adminPassword=" + (adminPasswordHash == null ? "(none)" : "(set)") + ", viewerRole=" + viewerRole
                + ", viewerCredentials=" + (viewer == null ? "(none)" : "(set)") + ", publicBaseUrl="
                + clientUrl.publicBaseUrl() + ", trustProxy=" + clientUrl.trustProxy() + "]";
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Digests of a user name and password, never the clear ones. */
    private record Credentials(byte[] userHash, byte[] passwordHash) {
    }

    public static final class Builder {
        private String adminRole = DEFAULT_ADMIN_ROLE;
        private String viewerRole = DEFAULT_VIEWER_ROLE;
        private String viewerUser;
        private String viewerPassword;
        private String adminUser;
        private String adminPassword;
        private String metricsToken;
        private URI publicBaseUrl;
        private boolean trustProxy;
        private boolean authenticatedByHost;
        private Duration eventPollInterval = Duration.ofMillis(250);
        private Duration eventMinGap = Duration.ofMillis(100);
        private Duration eventHeartbeat = Duration.ofSeconds(15);

        private Builder() {
        }

        /** The container role that grants the admin API (default {@value ApiSettings#DEFAULT_ADMIN_ROLE}). */
        public Builder adminRole(String role) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("the admin role must not be blank");
            }
            this.adminRole = role.strip();
            return this;
        }

        /** HTTP Basic credentials of the administrator; both null to accept only the container's role. */
        public Builder adminCredentials(String user, String password) {
            checkCredentials("admin", user, password);
            this.adminUser = user;
            this.adminPassword = password;
            return this;
        }

        /** The container role that grants read-only access (default {@value ApiSettings#DEFAULT_VIEWER_ROLE}). */
        public Builder viewerRole(String role) {
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("the viewer role must not be blank");
            }
            this.viewerRole = role.strip();
            return this;
        }

        /** HTTP Basic credentials of a read-only user; both null for none (the container's role still counts). */
        public Builder viewerCredentials(String user, String password) {
            checkCredentials("viewer", user, password);
            if (user != null && user.equals(adminUser)) {
                throw new IllegalArgumentException("the viewer needs another user name than the admin");
            }
            this.viewerUser = user;
            this.viewerPassword = password;
            return this;
        }

        private static void checkCredentials(String who, String user, String password) {
            if ((user == null) != (password == null)) {
                throw new IllegalArgumentException("set both the " + who + " user name and password, or neither");
            }
            if (user != null && (user.isBlank() || user.contains(":"))) {
                throw new IllegalArgumentException("the " + who + " user name must not be blank or contain ':'");
            }
            if (password != null && password.isEmpty()) {
                throw new IllegalArgumentException("the " + who + " password must not be empty");
            }
        }

        /** e.g. https://contacts.example.com/ — only its scheme, host and port are used. */
        public Builder publicBaseUrl(URI url) {
            this.publicBaseUrl = url;
            return this;
        }

        /** Whether X-Forwarded-Proto/-Host tell how the client reached us (only behind a proxy that sets them). */
        public Builder trustProxy(boolean trust) {
            this.trustProxy = trust;
            return this;
        }

        /** The host signs users in and sets the role (the web app does); nothing to configure here for Basic. */
        public Builder authenticatedByHost(boolean byHost) {
            this.authenticatedByHost = byHost;
            return this;
        }

        /** A bearer token (at least 16 characters) that may read {@code /metrics} besides the admin; null for none. */
        public Builder metricsToken(String token) {
            if (token != null && token.length() < 16) {
                throw new IllegalArgumentException("the metrics token must have at least 16 characters");
            }
            this.metricsToken = token;
            return this;
        }

        public Builder eventPollInterval(Duration interval) {
            this.eventPollInterval = positive(interval, "eventPollInterval");
            return this;
        }

        public Builder eventMinGap(Duration gap) {
            this.eventMinGap = Objects.requireNonNull(gap, "eventMinGap");
            return this;
        }

        public Builder eventHeartbeat(Duration interval) {
            this.eventHeartbeat = positive(interval, "eventHeartbeat");
            return this;
        }

        public ApiSettings build() {
            return new ApiSettings(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
