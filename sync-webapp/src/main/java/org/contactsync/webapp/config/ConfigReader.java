package org.contactsync.webapp.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.LabelFilter;
import org.contactsync.directory.PhoneAccess;
import org.contactsync.directory.PhoneCharset;
import org.contactsync.google.GoogleSettings;
import org.contactsync.vcard.VCardSyncEngine;
import org.contactsync.jaxrs.directory.DirectorySettings;
import org.contactsync.google.TokenCipher;
import org.contactsync.health.SyncFreshness;
import org.contactsync.sync.Intervals;
import org.contactsync.sync.SyncSchedule;
import org.contactsync.webapp.config.ConfigSources.ConfigValue;
import org.contactsync.webapp.config.ContactSyncConfig.AuthMode;
import org.contactsync.webapp.config.ContactSyncConfig.Database;
import org.contactsync.webapp.config.ContactSyncConfig.Source;

import static org.contactsync.webapp.config.ContactSyncConfig.*;

/** Turns raw values into a {@link ContactSyncConfig}, failing on the first bad key with a message for people. */
final class ConfigReader {
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MIN_LEASE = Duration.ofSeconds(10);
    private static final Duration MIN_HEARTBEAT = Duration.ofSeconds(1);
    private static final Pattern NODE_ID_CHARS = Pattern.compile("[A-Za-z0-9._:@/-]{1,64}");

    private final ConfigSources sources;

    ConfigReader(ConfigSources sources) {
        this.sources = sources;
    }

    ContactSyncConfig read() {
        Path dataDir = dataDir();
        Database database = database(dataDir);
        Source source = choice(SOURCE, Source.class, Source.VCARD);
        Path vcardFile = source == Source.VCARD ? vcardFile() : null;
        Charset vcardCharset = vcardCharset();
        GoogleSettings google = google(source == Source.GOOGLE);
        Duration interval = interval(SYNC_INTERVAL, "15m");
        // "interval=off" means off: the daily full sync is the default only next to incremental syncs.
        Duration fullInterval = interval != null || sources.lookup(FULL_SYNC_INTERVAL).isPresent()
                ? interval(FULL_SYNC_INTERVAL, "1d") : null;
        checked(FULL_SYNC_INTERVAL, () -> new SyncSchedule(interval, fullInterval, null));
        Duration lease = lease();
        Duration heartbeat = heartbeat(lease);
        URI publicBaseUrl = url(PUBLIC_BASE_URL, true);
        boolean trustProxy = bool(TRUST_PROXY, false);
        AuthMode auth = choice(AUTH, AuthMode.class, AuthMode.APP);
        String adminUser = adminUser();
        String adminPassword = adminPassword();
        String title = directoryTitle();
        String dialPrefix = optional(DIAL_PREFIX).map(String::strip).orElse(""); // DialRules checks it, below
        String nodeId = optional(NODE_ID).map(v -> matches(v, NODE_ID_CHARS,
                "must be 1 to 64 letters, digits or . _ : @ / - (it names this instance in the run history)"))
                .orElse(null);
        // The directory checks its own values; each check gets one key's value, so its complaint is that key's.
        checked(PUBLIC_BASE_URL, () -> new DirectorySettings(null, publicBaseUrl, trustProxy, null));
        checked(DIRECTORY_TITLE, () -> new DirectorySettings(title, null, false, null));
        checked(DIAL_PREFIX, () -> new DirectorySettings(null, null, false, dialPrefix));
        ContactSyncConfig.Operations operations = operations(interval != null ? interval : fullInterval);
        return new ContactSyncConfig(dataDir, database, source, vcardFile, google, interval, fullInterval,
                publicBaseUrl, trustProxy, auth, adminUser, adminPassword, title, dialPrefix, nodeId, operations,
                lease, heartbeat, vcardCharset, phone(), history(), viewer(adminUser));
    }

    /** How many changes each run lists (0 to 100 000) and how long the lists are kept (at least an hour). */
    private ContactSyncConfig.History history() {
        int changes = ContactSyncConfig.History.DEFAULTS.changesPerRun();
        Optional<ConfigValue> set = sources.lookup(HISTORY_CHANGES_PER_RUN);
        if (set.isPresent()) {
            try {
                changes = Integer.parseInt(set.get().value().strip());
            } catch (NumberFormatException e) {
                changes = -1;
            }
            if (changes < 0 || changes > 100_000) {
                throw error(HISTORY_CHANGES_PER_RUN, set.get(), "'" + set.get().value() + "' is not a number of "
                        + "changes. Use a whole number from 0 (list none, only count them) to 100000.");
            }
        }
        Optional<ConfigValue> kept = sources.lookup(HISTORY_RETENTION);
        Duration retention = duration(HISTORY_RETENTION, kept, "90d");
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw error(HISTORY_RETENTION, kept.orElse(null), "'" + kept.get().value() + "' is too short; keep "
                    + "the lists of changes for at least 1h (the default is 90d).");
        }
        return new ContactSyncConfig.History(changes, retention);
    }

    /** The phone directory's region, dial form, legacy charset, access control and groups. */
    private ContactSyncConfig.Phone phone() {
        String region = optional(PHONE_REGION).map(String::strip).orElse("");
        checked(PHONE_REGION, () -> new DialRules(region, null, null));
        Optional<ConfigValue> form = sources.lookup(DIAL_FORM);
        DialRules.Form dialForm = form.isEmpty() ? DialRules.Form.AS_WRITTEN : DialRules.Form.fromKey(form.get().value());
        if (dialForm == null) {
            throw error(DIAL_FORM, form.get(), "'" + form.get().value() + "' is not a dial form. Use as-written, "
                    + "international, local (own country without its code) or national (no '+' at all).");
        }
        if (dialForm != DialRules.Form.AS_WRITTEN && region.isEmpty()) {
            throw error(DIAL_FORM, form.get(), "needs " + PHONE_REGION + " (the site's country, e.g. DE) to know "
                    + "which numbers are national. Set it, or use as-written.");
        }
        Charset[] legacy = new Charset[1];
        checked(LEGACY_CHARSET, () -> legacy[0] = PhoneCharset.legacy(optional(LEGACY_CHARSET).orElse(null)));
        PhoneAccess[] access = new PhoneAccess[1];
        checked(ALLOWED_NETWORKS, () -> access[0] = PhoneAccess.parse(optional(ALLOWED_NETWORKS).orElse(null),
                optional(ALLOWED_DEVICES).orElse(null)));
        return new ContactSyncConfig.Phone(region, dialForm, legacy[0], access[0],
                LabelFilter.parse(optional(DIRECTORY_GROUPS).orElse(null)));
    }

    /** How long a run's lease lasts without a heartbeat: at least 10 s, so a busy database does not lose it. */
    private Duration lease() {
        Optional<ConfigValue> set = sources.lookup(SYNC_LEASE);
        Duration lease = duration(SYNC_LEASE, set, "60s");
        if (lease.compareTo(MIN_LEASE) < 0) {
            throw error(SYNC_LEASE, set.orElse(null), "'" + set.get().value() + "' is too short; use at least 10s "
                    + "(60s unless runs are often taken over too late after a server died).");
        }
        return lease;
    }

    /** How often the lease is renewed: a quarter of the lease unless set, and always shorter than the lease. */
    private Duration heartbeat(Duration lease) {
        Optional<ConfigValue> set = sources.lookup(SYNC_HEARTBEAT);
        if (set.isEmpty()) {
            return lease.dividedBy(4);
        }
        Duration heartbeat = duration(SYNC_HEARTBEAT, set, null);
        if (heartbeat.compareTo(MIN_HEARTBEAT) < 0 || heartbeat.compareTo(lease) >= 0) {
            throw error(SYNC_HEARTBEAT, set.get(), "'" + set.get().value() + "' must be at least 1s and shorter than "
                    + SYNC_LEASE + " (" + Intervals.format(lease) + "), or every run would lose its lease. Leave it "
                    + "unset for a quarter of the lease.");
        }
        return heartbeat;
    }

    /** A duration that cannot be off. */
    private Duration duration(String key, Optional<ConfigValue> set, String defaultValue) {
        String v = set.map(ConfigValue::value).orElse(defaultValue);
        Optional<Duration> d;
        try {
            d = Intervals.parse(v);
        } catch (IllegalArgumentException e) {
            d = Optional.empty();
        }
        return d.orElseThrow(() -> error(key, set.orElse(null), "'" + v + "' is not a duration. Use a number with "
                + "a unit (30s, 2m) or an ISO-8601 duration (PT30S); it cannot be off."));
    }

    /** Runs a library's own check of one key's value; its complaint becomes that key's error. */
    private void checked(String key, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw error(key, sources.lookup(key).orElse(null), e.getMessage());
        }
    }

    /** Health, metrics and alert settings; the webhook URL and the token are secrets, never repeated. */
    private ContactSyncConfig.Operations operations(Duration tick) {
        Duration staleAfter = sources.lookup(ALERT_STALE_AFTER).isPresent() ? interval(ALERT_STALE_AFTER, "off")
                : tick == null ? null : SyncFreshness.defaultStaleAfter(tick);
        URI webhook = null;
        Optional<ConfigValue> hook = sources.lookup(ALERT_WEBHOOK_URL);
        if (hook.isPresent()) {
            try {
                webhook = new URI(hook.get().value());
            } catch (URISyntaxException e) {
                webhook = null;
            }
            if (webhook == null || webhook.getHost() == null
                    || !List.of("http", "https").contains(String.valueOf(webhook.getScheme()).toLowerCase(Locale.ROOT))) {
                throw error(ALERT_WEBHOOK_URL, hook.get(), "is not an absolute http(s) URL. Paste the webhook URL "
                        + "exactly as Slack, Teams or your alerting tool shows it.");
            }
        }
        int pauseAfter = 5;
        Optional<ConfigValue> pause = sources.lookup(ALERT_PAUSE_AFTER);
        if (pause.isPresent()) {
            String v = pause.get().value().strip();
            try {
                pauseAfter = v.equalsIgnoreCase("off") ? 0 : Integer.parseInt(v);
            } catch (NumberFormatException e) {
                pauseAfter = -1;
            }
            if (pauseAfter < 0 || pauseAfter > 1000) {
                throw error(ALERT_PAUSE_AFTER, pause.get(), "'" + v + "' is not a number of failed runs. Use a "
                        + "whole number from 1 to 1000, or off (or 0) to never pause automatic syncs.");
            }
        }
        boolean metrics = bool(METRICS_ENABLED, true);
        String token = optional(METRICS_TOKEN).orElse(null);
        if (token != null && token.length() < 16) {
            throw error(METRICS_TOKEN, sources.lookup(METRICS_TOKEN).orElse(null), "is too short; use at least 16 "
                    + "characters (e.g. from openssl rand -hex 24), or leave it unset so only the admin may read "
                    + "/metrics.");
        }
        return new ContactSyncConfig.Operations(staleAfter, webhook, pauseAfter, metrics, token);
    }

    private Path dataDir() {
        Optional<ConfigValue> set = sources.lookup(DATA_DIR);
        Path dir;
        if (set.isPresent()) {
            dir = path(set.get());
        } else {
            String home = System.getProperty("user.home");
            dir = home != null && !home.isBlank() && Files.isWritable(Path.of(home))
                    ? Path.of(home, ".contactsync")
                    : Path.of("data");
        }
        dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw error(DATA_DIR, set.orElse(null), "the data directory " + dir + " cannot be created (" + e
                    + "). Create it, make it writable for the server's user, or point " + DATA_DIR + " elsewhere.");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw error(DATA_DIR, set.orElse(null), "the data directory " + dir
                    + " is not a writable directory. Make it writable for the server's user or point " + DATA_DIR
                    + " elsewhere.");
        }
        return dir;
    }

    private Database database(Path dataDir) {
        Optional<ConfigValue> url = sources.lookup(DB_URL);
        String user = optional(DB_USER).orElse(null);
        String password = optional(DB_PASSWORD).orElse(null);
        if (url.isEmpty()) {
            String dir = dataDir.resolve("db").toString().replace('\\', '/');
            if (dir.contains(";")) {
                throw error(DATA_DIR, sources.lookup(DATA_DIR).orElse(null), "'" + dataDir + "' contains a ';', which "
                        + "the embedded database cannot use. Choose a directory without one.");
            }
            String derby = "jdbc:derby:" + dir + ";create=true";
            return new Database(derby, user, password, true);
        }
        String v = url.get().value();
        if (!v.startsWith("jdbc:derby:") && !v.startsWith("jdbc:postgresql:")) {
            throw error(DB_URL, url.get(), "'" + v + "' is not a supported database URL. Use jdbc:postgresql://HOST:PORT/DATABASE "
                    + "(several instances) or jdbc:derby:PATH;create=true (one instance), or leave it unset for "
                    + "the embedded database under the data directory.");
        }
        return new Database(v, user, password, false);
    }

    private Path vcardFile() {
        Optional<ConfigValue> set = sources.lookup(VCARD_FILE);
        if (set.isEmpty()) {
            return null;
        }
        Path file = path(set.get()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw error(VCARD_FILE, set.get(), "the vCard file " + file + " does not exist or is not a file. "
                    + "Point it at a .vcf file, or leave it unset to use the bundled sample contacts.");
        }
        if (!Files.isReadable(file)) {
            throw error(VCARD_FILE, set.get(), "the vCard file " + file
                    + " cannot be read by the server's user. Fix its permissions.");
        }
        return file;
    }

    private Charset vcardCharset() {
        Optional<ConfigValue> set = sources.lookup(VCARD_CHARSET);
        if (set.isEmpty()) {
            return VCardSyncEngine.DEFAULT_FALLBACK_CHARSET;
        }
        String v = set.get().value().strip();
        try {
            return Charset.forName(v);
        } catch (IllegalArgumentException e) {
            throw error(VCARD_CHARSET, set.get(), "'" + v + "' is not a character set this Java knows. Use a name"
                    + " such as windows-1252, windows-1250, ISO-8859-2 or Shift_JIS.");
        }
    }

    private GoogleSettings google(boolean required) {
        GoogleSettings.Builder b = GoogleSettings.builder()
                .clientId(optional(GOOGLE_CLIENT_ID).orElse(null))
                .clientSecret(optional(GOOGLE_CLIENT_SECRET).orElse(null))
                .tokenKey(optional(GOOGLE_TOKEN_KEY).orElse(null))
                .apiRootUrl(url(GOOGLE_API_URL, false))
                .tokenUrl(url(GOOGLE_TOKEN_URL, false))
                .authUrl(url(GOOGLE_AUTH_URL, false))
                .redirectUri(url(GOOGLE_REDIRECT_URI, false));
        optional(GOOGLE_GROUPS).ifPresent(groups -> b.groups(List.of(groups.split(","))));
        if (sources.lookup(GOOGLE_CLIENT_ID).isPresent() && sources.lookup(GOOGLE_CLIENT_SECRET).isEmpty()) {
            throw error(GOOGLE_CLIENT_SECRET, null, "is not set but " + GOOGLE_CLIENT_ID + " is. Set both from the "
                    + "OAuth client in the Google Cloud console (see docs/google.md).");
        }
        GoogleSettings google = b.build();
        if (required) {
            String hint = " It is required when " + SOURCE + " is google; docs/google.md tells how to create an "
                    + "OAuth client.";
            if (google.clientId() == null) {
                throw error(GOOGLE_CLIENT_ID, null, "is not set." + hint);
            }
            if (google.clientSecret() == null) {
                throw error(GOOGLE_CLIENT_SECRET, null, "is not set." + hint);
            }
            if (google.tokenKey() == null) {
                throw error(GOOGLE_TOKEN_KEY, null, "is not set. It encrypts the stored Google refresh token; "
                        + "docs/google.md tells how to generate one." + hint);
            }
        }
        if (google.tokenKey() != null) {
            try {
                TokenCipher.fromBase64Key(google.tokenKey());
            } catch (IllegalArgumentException e) {
                // The message must not repeat the key itself (TokenCipher's does not).
                throw error(GOOGLE_TOKEN_KEY, sources.lookup(GOOGLE_TOKEN_KEY).orElse(null),
                        "is not a usable key: " + e.getMessage());
            }
        }
        return google;
    }

    private Duration interval(String key, String defaultValue) {
        Optional<ConfigValue> set = sources.lookup(key);
        String v = set.map(ConfigValue::value).orElse(defaultValue);
        Duration d;
        try {
            d = Intervals.parse(v).orElse(null);
        } catch (IllegalArgumentException e) {
            throw error(key, set.orElse(null), "'" + v + "' is not a duration. Use a number with a unit (30s, 15m, "
                    + "2h, 1d, 1h30m), an ISO-8601 duration (PT15M), or off.");
        }
        if (d != null && d.compareTo(MIN_INTERVAL) < 0) {
            throw error(key, set.orElse(null), "'" + v + "' is too short; use at least 10s, or off.");
        }
        return d;
    }

    private URI url(String key, boolean stripTrailingSlash) {
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return null;
        }
        String v = set.get().value();
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!u.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
                throw error(key, set.get(), "'" + v + "' is not an absolute http(s) URL. Write it like "
                        + "https://contacts.example.com/contactsync");
            }
            if (u.getQuery() != null || u.getFragment() != null) {
                throw error(key, set.get(), "'" + v + "' must not have a query (?) or fragment (#).");
            }
            if (stripTrailingSlash && v.endsWith("/")) {
                u = new URI(v.substring(0, v.length() - 1));
            }
            return u;
        } catch (URISyntaxException e) {
            throw error(key, set.get(), "'" + v + "' is not a valid URL (" + e.getReason() + ").");
        }
    }

    private boolean bool(String key, boolean defaultValue) {
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return defaultValue;
        }
        return switch (set.get().value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(key, set.get(), "'" + set.get().value() + "' is not true or false.");
        };
    }

    private <E extends Enum<E>> E choice(String key, Class<E> type, E defaultValue) {
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return defaultValue;
        }
        String allowed = String.join(" or ", Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        try {
            return Enum.valueOf(type, set.get().value().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(key, set.get(), "'" + set.get().value() + "' is not allowed; use " + allowed + ".");
        }
    }

    private String adminUser() {
        return userName(ADMIN_USER).orElse("admin");
    }

    private Optional<String> userName(String key) {
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        String v = set.get().value();
        if (v.length() > 64 || v.contains(":") || v.chars().anyMatch(c -> Character.isWhitespace(c) || c < 32)) {
            throw error(key, set.get(), "'" + v + "' is not a usable user name: at most 64 characters, "
                    + "without spaces or ':'.");
        }
        return Optional.of(v);
    }

    private String adminPassword() {
        return password(ADMIN_PASSWORD, "or leave it unset to have a password generated at first start.");
    }

    private String password(String key, String orElse) {
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return null;
        }
        // The value is a secret: the message never repeats it.
        if (set.get().value().length() < 8) {
            throw error(key, set.get(), "is too short; use at least 8 characters, " + orElse);
        }
        return set.get().value();
    }

    /** The read-only user of the app's own login: both settings or neither, another name than the admin's. */
    private ContactSyncConfig.Viewer viewer(String adminUser) {
        Optional<String> user = userName(VIEWER_USER);
        String password = password(VIEWER_PASSWORD, "or leave both viewer settings unset for no viewer.");
        if (user.isPresent() != (password != null)) {
            String missing = user.isPresent() ? VIEWER_PASSWORD : VIEWER_USER;
            String set = user.isPresent() ? VIEWER_USER : VIEWER_PASSWORD;
            throw error(missing, null, "is not set, but " + set + " is: set both to let a viewer sign in "
                    + "read-only, or neither.");
        }
        if (user.isEmpty()) {
            return null;
        }
        if (user.get().equals(adminUser)) {
            throw error(VIEWER_USER, sources.lookup(VIEWER_USER).orElseThrow(), "is the administrator's user name; "
                    + "give the viewer a name of its own.");
        }
        return new ContactSyncConfig.Viewer(user.get(), password);
    }

    private String directoryTitle() {
        Optional<ConfigValue> set = sources.lookup(DIRECTORY_TITLE);
        if (set.isEmpty()) {
            return "Contacts";
        }
        String v = set.get().value();
        if (v.length() > 32) {
            throw error(DIRECTORY_TITLE, set.get(), "'" + v + "' is longer than the 32 characters a phone shows.");
        }
        return v;
    }

    private String matches(String v, Pattern pattern, String rule) {
        ConfigValue set = sources.lookup(NODE_ID).orElseThrow();
        if (!pattern.matcher(v).matches()) {
            throw error(set.key(), set, "'" + v + "' " + rule + ".");
        }
        return v;
    }

    private Optional<String> optional(String key) {
        return sources.lookup(key).map(ConfigValue::value);
    }

    private static Path path(ConfigValue v) {
        String raw = v.value();
        if (raw.equals("~") || raw.startsWith("~/")) {
            raw = System.getProperty("user.home") + raw.substring(1);
        }
        try {
            return Path.of(raw);
        } catch (InvalidPathException e) {
            throw error(v.key(), v, "'" + v.value() + "' is not a valid path (" + e.getReason() + ").");
        }
    }

    private static ConfigException error(String key, ConfigValue value, String problem) {
        String where = value == null ? key : key + " (set by " + value.origin() + ")";
        return new ConfigException(key, "Invalid configuration: " + where + " " + problem
                + " Configuration keys are listed in docs/configuration.md.");
    }
}
