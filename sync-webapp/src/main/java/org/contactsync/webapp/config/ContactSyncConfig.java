package org.contactsync.webapp.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.LabelFilter;
import org.contactsync.directory.PhoneAccess;
import org.contactsync.google.GoogleSettings;
import org.contactsync.jaxrs.support.ClientUrl;

/**
 * Everything the web application is configured with, read and validated once at start-up by
 * {@link #load(ConfigSources)}. Every key is documented in docs/configuration.md.
 *
 * @param dataDir          where the embedded database and the generated admin password live
 * @param database         JDBC URL and credentials
 * @param source           which contact source the sync reads
 * @param vcardFile        the vCard file for {@link Source#VCARD}; null means the bundled sample
 * @param google           Google settings (required values are checked only when the source is Google)
 * @param syncInterval     how often the automatic (incremental) sync runs; null: manual only
 * @param fullSyncInterval how often the automatic sync is a full one; null: never
 * @param publicBaseUrl    the URL people and phones use to reach the app, or null to take it from each request
 * @param trustProxy       whether X-Forwarded-* headers are honoured
 * @param auth             the app's own login, or the container's security
 * @param adminUser        the administrator's user name for the app's own login
 * @param adminPassword    the administrator's password, or null to generate one at first start
 * @param directoryTitle   the phone directory's title
 * @param dialPrefix       digits dialled before every number from the phone directory (outside line), or ""
 * @param nodeId           this instance's name in a cluster, or null for a generated one
 * @param operations       health, metrics and alert settings
 * @param syncLease        how long a run's lease lasts without a heartbeat (other nodes then take over)
 * @param syncHeartbeat    how often a running sync renews its lease; shorter than the lease
 * @param vcardCharset     what vCard lines without CHARSET that are not UTF-8 are read as
 * @param phone            the phone directory beyond title and dial prefix
 * @param history          how many changes each run lists and how long the lists are kept
 * @param viewer           the read-only user of the app's own login, or null for none
 */
public record ContactSyncConfig(
        Path dataDir,
        Database database,
        Source source,
        Path vcardFile,
        GoogleSettings google,
        Duration syncInterval,
        Duration fullSyncInterval,
        URI publicBaseUrl,
        boolean trustProxy,
        AuthMode auth,
        String adminUser,
        String adminPassword,
        String directoryTitle,
        String dialPrefix,
        String nodeId,
        Operations operations,
        Duration syncLease,
        Duration syncHeartbeat,
        Charset vcardCharset,
        Phone phone,
        History history,
        Viewer viewer) {

    public static final String DATA_DIR = "contactsync.data-dir";
    public static final String DB_URL = "contactsync.db.url";
    public static final String DB_USER = "contactsync.db.user";
    public static final String DB_PASSWORD = "contactsync.db.password";
    public static final String SOURCE = "contactsync.source";
    public static final String VCARD_FILE = "contactsync.vcard.file";
    public static final String GOOGLE_CLIENT_ID = GoogleSettings.KEY_CLIENT_ID;
    public static final String GOOGLE_CLIENT_SECRET = GoogleSettings.KEY_CLIENT_SECRET;
    public static final String GOOGLE_TOKEN_KEY = GoogleSettings.KEY_TOKEN_KEY;
    public static final String GOOGLE_GROUPS = GoogleSettings.KEY_GROUPS;
    public static final String GOOGLE_API_URL = GoogleSettings.KEY_API_ROOT_URL;
    public static final String GOOGLE_TOKEN_URL = GoogleSettings.KEY_TOKEN_URL;
    public static final String GOOGLE_AUTH_URL = GoogleSettings.KEY_AUTH_URL;
    public static final String GOOGLE_REDIRECT_URI = GoogleSettings.KEY_REDIRECT_URI;
    public static final String SYNC_INTERVAL = "contactsync.sync.interval";
    public static final String FULL_SYNC_INTERVAL = "contactsync.sync.full-interval";
    public static final String PUBLIC_BASE_URL = "contactsync.public-base-url";
    public static final String TRUST_PROXY = "contactsync.trust-proxy";
    public static final String AUTH = "contactsync.auth";
    public static final String ADMIN_USER = "contactsync.admin.user";
    public static final String ADMIN_PASSWORD = "contactsync.admin.password";
    public static final String DIRECTORY_TITLE = "contactsync.directory.title";
    public static final String DIAL_PREFIX = "contactsync.directory.dial-prefix";
    public static final String NODE_ID = "contactsync.node-id";
    public static final String SYNC_LEASE = "contactsync.sync.lease";
    public static final String SYNC_HEARTBEAT = "contactsync.sync.heartbeat";
    public static final String ALERT_STALE_AFTER = "contactsync.alert.stale-after";
    public static final String ALERT_WEBHOOK_URL = "contactsync.alert.webhook-url";
    public static final String ALERT_PAUSE_AFTER = "contactsync.alert.pause-after";
    public static final String METRICS_ENABLED = "contactsync.metrics.enabled";
    public static final String METRICS_TOKEN = "contactsync.metrics.token";
    public static final String VCARD_CHARSET = "contactsync.vcard.charset";
    public static final String PHONE_REGION = "contactsync.phone.default-region";
    public static final String DIAL_FORM = "contactsync.directory.dial-form";
    public static final String LEGACY_CHARSET = "contactsync.directory.legacy-charset";
    public static final String ALLOWED_NETWORKS = "contactsync.directory.allowed-networks";
    public static final String ALLOWED_DEVICES = "contactsync.directory.allowed-devices";
    public static final String DIRECTORY_GROUPS = "contactsync.directory.groups";
    public static final String HISTORY_CHANGES_PER_RUN = "contactsync.history.changes-per-run";
    public static final String HISTORY_RETENTION = "contactsync.history.retention";
    public static final String VIEWER_USER = "contactsync.viewer.user";
    public static final String VIEWER_PASSWORD = "contactsync.viewer.password";

    /** Every key this application reads (docs/configuration.md documents each one). */
    public static final List<String> KEYS = List.of(DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, SOURCE, VCARD_FILE,
            GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_TOKEN_KEY, GOOGLE_GROUPS, GOOGLE_API_URL, GOOGLE_TOKEN_URL,
            GOOGLE_AUTH_URL, GOOGLE_REDIRECT_URI, SYNC_INTERVAL, FULL_SYNC_INTERVAL, PUBLIC_BASE_URL, TRUST_PROXY, AUTH, ADMIN_USER,
            ADMIN_PASSWORD, DIRECTORY_TITLE, DIAL_PREFIX, NODE_ID, ALERT_STALE_AFTER, ALERT_WEBHOOK_URL,
            ALERT_PAUSE_AFTER, METRICS_ENABLED, METRICS_TOKEN, SYNC_LEASE, SYNC_HEARTBEAT,
            VCARD_CHARSET, PHONE_REGION, DIAL_FORM, LEGACY_CHARSET, ALLOWED_NETWORKS, ALLOWED_DEVICES,
            DIRECTORY_GROUPS, HISTORY_CHANGES_PER_RUN, HISTORY_RETENTION, VIEWER_USER, VIEWER_PASSWORD);

    public ContactSyncConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(google, "google");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(adminUser, "adminUser");
        Objects.requireNonNull(directoryTitle, "directoryTitle");
        dialPrefix = dialPrefix == null ? "" : dialPrefix;
        operations = operations == null ? Operations.DEFAULTS : operations;
        Objects.requireNonNull(syncLease, "syncLease");
        Objects.requireNonNull(syncHeartbeat, "syncHeartbeat");
        history = history == null ? History.DEFAULTS : history;
    }

    /** Reads and validates the configuration; throws {@link ConfigException} naming the first bad key. */
    public static ContactSyncConfig load(ConfigSources sources) {
        return new ConfigReader(sources).read();
    }

    /** Which URL clients used, by the public base URL and the trusted proxy (CSRF, login origin, directory links). */
    public ClientUrl clientUrl() {
        return new ClientUrl(publicBaseUrl, trustProxy);
    }

    /** Whether the sync runs by itself (incremental syncs, or only full ones). */
    public boolean automaticSync() {
        return syncInterval != null || fullSyncInterval != null;
    }

    /** Secrets are masked. */
    @Override
    public String toString() {
        return "ContactSyncConfig[dataDir=" + dataDir + ", database=" + database + ", source=" + source
                + ", vcardFile=" + (vcardFile == null ? "(bundled sample)" : vcardFile) + ", google=" + google
                + ", syncInterval=" + syncInterval + ", fullSyncInterval=" + fullSyncInterval
                + ", publicBaseUrl=" + publicBaseUrl + ", trustProxy=" + trustProxy + ", auth=" + auth
                + ", adminUser=" + adminUser + ", adminPassword=" + (adminPassword == null ? "(generated)" : "****")
                + ", directoryTitle=" + directoryTitle + ", dialPrefix=" + dialPrefix + ", nodeId=" + nodeId
                + ", operations=" + operations + ", syncLease=" + syncLease + ", syncHeartbeat=" + syncHeartbeat
                + ", viewer=" + viewer + "]";
    }

    /**
     * Running it in production.
     *
     * @param staleAfter   no successful sync for longer than this is "stale" (health, alerts); null: never
     * @param webhookUrl   where alerts are POSTed, or null for none (a secret: Slack/Teams URLs carry a token)
     * @param pauseAfter   automatic syncs pause after this many failed scheduled runs in a row; 0: never
     * @param metrics      whether {@code /metrics} is served
     * @param metricsToken a bearer token that may read {@code /metrics} besides the admin, or null
     */
    /**
     * The phone directory beyond title and dial prefix.
     *
     * @param region        ISO region numbers without a country code are read in ("DE"), or "" for none
     * @param dialForm      which form of a number phones dial
     * @param legacyCharset charset for phones that take neither UTF-8 nor ISO-8859-1, or null
     * @param access        who may read the phone feed (open when nothing is configured)
     * @param groups        which contact groups/labels the phones show as groups
     */
    public record Phone(String region, DialRules.Form dialForm, Charset legacyCharset, PhoneAccess access,
                        LabelFilter groups) {
        public static final Phone DEFAULTS = new Phone("", DialRules.Form.AS_WRITTEN, null, PhoneAccess.open(),
                LabelFilter.ALL);
    }

    /**
     * Each run's list of changed contacts.
     *
     * @param changesPerRun the most changes a run (and a preview) lists; the rest are counted
     * @param retention     how long a run's list is kept
     */
    public record History(int changesPerRun, Duration retention) {
        public static final History DEFAULTS = new History(1000, Duration.ofDays(90));
    }

    public record Operations(Duration staleAfter, URI webhookUrl, int pauseAfter, boolean metrics,
                             String metricsToken) {
        public static final Operations DEFAULTS = new Operations(null, null, 5, true, null);

        @Override
        public String toString() {
            return "Operations[staleAfter=" + staleAfter + ", webhookUrl=" + (webhookUrl == null ? null
                    : webhookUrl.getScheme() + "://" + webhookUrl.getHost() + "/****") + ", pauseAfter=" + pauseAfter
                    + ", metrics=" + metrics + ", metricsToken=" + (metricsToken == null ? null : "****") + "]";
        }
    }

    /**
     * A second user of the app's own login who sees everything and changes nothing.
     *
     * @param user     the viewer's user name (not the admin's)
     * @param password the viewer's password, hashed at start like the admin's
     */
    public record Viewer(String user, String password) {
        public Viewer {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Viewer[user=" + user + ", password=****]";
        }
    }

    public enum Source {
        VCARD,
        GOOGLE
    }

    public enum AuthMode {
        /** The app's own login page (credentials from configuration or a generated password). */
        APP,
        /**
         * The container authenticates; the app requires the role {@code contactsync-admin}, or
         * {@code contactsync-viewer} for read-only access.
         */
        CONTAINER
    }

    /**
     * @param embedded whether this is the default embedded Derby database under the data directory
     */
    public record Database(String url, String user, String password, boolean embedded) {
        public boolean isDerby() {
            return url.startsWith("jdbc:derby:");
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "****")
                    + ", embedded=" + embedded + "]";
        }
    }
}
