package org.contactsync.webapp.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.contactsync.google.TokenCipher;
import org.contactsync.sync.Intervals;
import org.contactsync.webapp.config.ContactSyncConfig.AuthMode;
import org.contactsync.webapp.config.ContactSyncConfig.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContactSyncConfigTest {
    @TempDir
    Path tmp;

    private final Map<String, String> sys = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> ctx = new HashMap<>();

    private ContactSyncConfig load() {
        sys.putIfAbsent(ContactSyncConfig.DATA_DIR, tmp.resolve("data").toString());
        return ContactSyncConfig.load(ConfigSources.of(sys, env, ctx));
    }

    @Test
    void defaultsGiveAnEmbeddedDerbyDatabaseTheBundledSampleAndTheAppsOwnLogin() {
        ContactSyncConfig c = load();

        assertThat(c.dataDir()).isEqualTo(tmp.resolve("data").toAbsolutePath()).isDirectory();
        assertThat(c.database().url()).isEqualTo("jdbc:derby:" + tmp.resolve("data/db") + ";create=true");
        assertThat(c.database().embedded()).isTrue();
        assertThat(c.source()).isEqualTo(Source.VCARD);
        assertThat(c.vcardFile()).isNull();
        assertThat(c.syncInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.fullSyncInterval()).isEqualTo(Duration.ofDays(1));
        assertThat(c.auth()).isEqualTo(AuthMode.APP);
        assertThat(c.adminUser()).isEqualTo("admin");
        assertThat(c.adminPassword()).isNull();
        assertThat(c.directoryTitle()).isEqualTo("Contacts");
        assertThat(c.dialPrefix()).isEmpty();
        assertThat(c.publicBaseUrl()).isNull();
        assertThat(c.trustProxy()).isFalse();
    }

    @Test
    void systemPropertiesWinOverEnvironmentWhichWinsOverContextParameters() {
        ctx.put("contactsync.directory.title", "from context");
        ctx.put("contactsync.directory.dial-prefix", "7");
        ctx.put("contactsync.admin.user", "ctx-admin");
        env.put("CONTACTSYNC_DIRECTORY_TITLE", "from env");
        env.put("CONTACTSYNC_DIRECTORY_DIAL_PREFIX", "8");
        sys.put("contactsync.directory.title", "from sysprop");

        ContactSyncConfig c = load();

        assertThat(c.directoryTitle()).isEqualTo("from sysprop");
        assertThat(c.dialPrefix()).isEqualTo("8");
        assertThat(c.adminUser()).isEqualTo("ctx-admin");
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() {
        assertThat(ConfigSources.environmentName("contactsync.db.url")).isEqualTo("CONTACTSYNC_DB_URL");
        assertThat(ConfigSources.environmentName("contactsync.sync.full-interval"))
                .isEqualTo("CONTACTSYNC_SYNC_FULL_INTERVAL");
    }

    @Test
    void readsEveryKindOfValue() throws IOException {
        Path vcf = Files.writeString(tmp.resolve("c.vcf"), "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n");
        sys.put("contactsync.vcard.file", vcf.toString());
        sys.put("contactsync.db.url", "jdbc:postgresql://127.0.0.1:5432/test");
        sys.put("contactsync.db.user", "postgres");
        sys.put("contactsync.db.password", "s3cret-db");
        sys.put("contactsync.sync.interval", "PT5M");
        sys.put("contactsync.sync.full-interval", "off");
        sys.put("contactsync.public-base-url", "https://contacts.example.com/cs/");
        sys.put("contactsync.trust-proxy", "true");
        sys.put("contactsync.auth", "container");
        sys.put("contactsync.admin.password", "long enough");
        sys.put("contactsync.node-id", "node-a");

        ContactSyncConfig c = load();

        assertThat(c.vcardFile()).isEqualTo(vcf.toAbsolutePath());
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(c.database().embedded()).isFalse();
        assertThat(c.syncInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.fullSyncInterval()).isNull();
        assertThat(c.automaticSync()).isTrue();
        assertThat(c.publicBaseUrl()).isEqualTo(URI.create("https://contacts.example.com/cs"));
        assertThat(c.trustProxy()).isTrue();
        assertThat(c.auth()).isEqualTo(AuthMode.CONTAINER);
        assertThat(c.nodeId()).isEqualTo("node-a");
        assertThat(c.toString()).doesNotContain("s3cret-db", "long enough");
    }

    @Test
    void manualSyncWhenTheIntervalIsOff() {
        env.put("CONTACTSYNC_SYNC_INTERVAL", "off");
        assertThat(load().automaticSync()).isFalse();
    }

    @Test
    void aBadDurationNamesTheKeyItsOriginAndTheExpectedFormat() {
        env.put("CONTACTSYNC_SYNC_INTERVAL", "soon");

        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);

        assertThat(e.key()).isEqualTo("contactsync.sync.interval");
        assertThat(e.getMessage())
                .contains("contactsync.sync.interval", "environment variable CONTACTSYNC_SYNC_INTERVAL", "'soon'",
                        "15m");
    }

    @Test
    void anUnknownSourceListsTheAllowedOnes() {
        ctx.put("contactsync.source", "ldap");

        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contactsync.source (set by servlet context parameter contactsync.source)")
                .hasMessageContaining("use vcard or google");
    }

    @Test
    void googleSourceRequiresClientIdSecretAndKey() {
        sys.put("contactsync.source", "google");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.google.client-id is not set");
        sys.put("contactsync.google.client-id", "id");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.google.client-secret is not set");
        sys.put("contactsync.google.client-secret", "secret");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.google.token-key is not set");
        sys.put("contactsync.google.token-key", TokenCipher.generateBase64Key());
        assertThat(load().google().configured()).isTrue();
    }

    @Test
    void aMalformedTokenKeyIsRefusedWithoutRepeatingIt() {
        sys.put("contactsync.google.token-key", "c2hvcnQta2V5");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contactsync.google.token-key").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("c2hvcnQta2V5");
    }

    @Test
    void aFullIntervalShorterThanTheIntervalIsRefused() {
        sys.put("contactsync.sync.interval", "2h");
        sys.put("contactsync.sync.full-interval", "1h");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.sync.full-interval")
                .hasMessageContaining("shorter than the incremental interval");
    }

    @Test
    void theLeaseIsAMinuteAndTheHeartbeatAQuarterOfItUnlessSet() {
        assertThat(load().syncLease()).isEqualTo(Duration.ofSeconds(60));
        assertThat(load().syncHeartbeat()).isEqualTo(Duration.ofSeconds(15));
        sys.put("contactsync.sync.lease", "2m");
        assertThat(load().syncHeartbeat()).isEqualTo(Duration.ofSeconds(30));
        sys.put("contactsync.sync.heartbeat", "45s");
        assertThat(load().syncHeartbeat()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void aHeartbeatNotShorterThanTheLeaseStopsTheStartNamingTheKey() {
        sys.put("contactsync.sync.lease", "30s");
        sys.put("contactsync.sync.heartbeat", "30s");
        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(e.key()).isEqualTo("contactsync.sync.heartbeat");
        assertThat(e.getMessage()).contains("shorter than contactsync.sync.lease (30s)", "Leave it unset");
    }

    @Test
    void aLeaseUnderTenSecondsOrOffIsRefused() {
        sys.put("contactsync.sync.lease", "5s");
        assertThat(catchThrowableOfType(ConfigException.class, this::load).getMessage())
                .contains("contactsync.sync.lease", "'5s' is too short", "at least 10s");
        sys.put("contactsync.sync.lease", "off");
        assertThat(catchThrowableOfType(ConfigException.class, this::load).getMessage())
                .contains("contactsync.sync.lease", "cannot be off");
    }

    @Test
    void phoneDirectorySettingsAreReadWithTheirDefaults() {
        ContactSyncConfig.Phone defaults = load().phone();
        assertThat(defaults.region()).isEmpty();
        assertThat(defaults.dialForm()).isEqualTo(org.contactsync.directory.DialRules.Form.AS_WRITTEN);
        assertThat(defaults.legacyCharset()).isNull();
        assertThat(defaults.access().enabled()).isFalse();
        assertThat(defaults.groups()).isEqualTo(org.contactsync.directory.LabelFilter.ALL);
        sys.put("contactsync.phone.default-region", "de");
        sys.put("contactsync.directory.dial-form", "National");
        sys.put("contactsync.directory.legacy-charset", "windows-1251");
        sys.put("contactsync.directory.allowed-networks", "10.1.0.0/16");
        sys.put("contactsync.directory.groups", "none");
        ContactSyncConfig.Phone phone = load().phone();
        assertThat(phone.region()).isEqualTo("de");
        assertThat(phone.dialForm()).isEqualTo(org.contactsync.directory.DialRules.Form.NATIONAL);
        assertThat(phone.legacyCharset().name()).isEqualTo("windows-1251");
        assertThat(phone.access().allows("10.1.9.9", null)).isTrue();
        assertThat(phone.access().allows("10.2.9.9", null)).isFalse();
        assertThat(phone.groups().shows("Friends")).isFalse();
    }

    @Test
    void aDialFormOtherThanAsWrittenNeedsTheRegion() {
        sys.put("contactsync.directory.dial-form", "local");
        assertThat(catchThrowableOfType(ConfigException.class, this::load).getMessage())
                .contains("contactsync.directory.dial-form", "contactsync.phone.default-region");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "contactsync.public-base-url|https://phones.example.com/a-path-that-is-far-too-long-for-the-phones-to-accept-because-their-urls-are-limited/and-directory-links-add-more/and-more-and-more-and-more/x",
            "contactsync.directory.dial-prefix|9-",
            "contactsync.google.api-root-url|people.example",
            "contactsync.google.token-url|/token",
            "contactsync.google.redirect-uri|nope",
            "contactsync.google.client-id|id-without-secret",
            "contactsync.sync.full-interval|1m",
            "contactsync.sync.heartbeat|2m",
            "contactsync.phone.default-region|Germany",
            "contactsync.directory.dial-form|shortest",
            "contactsync.directory.legacy-charset|klingon-1",
            "contactsync.directory.allowed-networks|10.0.0.0/33"})
    void aWrongSettingNamesItsOwnKey(String key, String value) {
        sys.put("contactsync.sync.interval", "5m");
        sys.put(key, value);
        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(e).as(key + "=" + value).isNotNull();
        assertThat(e.key()).isEqualTo(key.equals("contactsync.google.client-id") ? "contactsync.google.client-secret"
                : key);
        assertThat(e.getMessage()).contains(e.key());
    }

    @Test
    void aViewerNeedsAUserNameAndAPasswordOfItsOwn() {
        assertThat(load().viewer()).as("no viewer unless configured").isNull();

        sys.put(ContactSyncConfig.VIEWER_USER, "auditor");
        ConfigException noPassword = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(noPassword.key()).isEqualTo(ContactSyncConfig.VIEWER_PASSWORD);
        assertThat(noPassword.getMessage()).contains("set both");

        sys.put(ContactSyncConfig.VIEWER_PASSWORD, "short");
        ConfigException tooShort = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(tooShort.key()).isEqualTo(ContactSyncConfig.VIEWER_PASSWORD);
        assertThat(tooShort.getMessage()).contains("at least 8 characters").doesNotContain("'short'");

        sys.put(ContactSyncConfig.VIEWER_PASSWORD, "long enough secret");
        ContactSyncConfig c = load();
        assertThat(c.viewer().user()).isEqualTo("auditor");
        assertThat(c.toString()).contains("Viewer[user=auditor, password=****]").doesNotContain("long enough");

        sys.put(ContactSyncConfig.VIEWER_USER, "admin");
        assertThat(catchThrowableOfType(ConfigException.class, this::load).getMessage())
                .contains("contactsync.viewer.user").contains("administrator's user name");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "unset", value = {
            // interval, full-interval, incremental, full, automatic
            "off,   unset, unset, unset, false",
            "off,   off,   unset, unset, false",
            "off,   2d,    unset, 2d,    true",
            "30m,   unset, 30m,   1d,    true",
            "30m,   off,   30m,   unset, true",
            "unset, unset, 15m,   1d,    true"})
    void offMeansOffUnlessAFullIntervalIsSetExplicitly(String interval, String full, String incremental,
                                                       String expectedFull, boolean automatic) {
        if (interval != null) {
            sys.put("contactsync.sync.interval", interval);
        }
        if (full != null) {
            sys.put("contactsync.sync.full-interval", full);
        }
        ContactSyncConfig c = load();
        assertThat(c.syncInterval()).isEqualTo(incremental == null ? null : Intervals.parse(incremental).orElseThrow());
        assertThat(c.fullSyncInterval()).isEqualTo(expectedFull == null ? null
                : Intervals.parse(expectedFull).orElseThrow());
        assertThat(c.automaticSync()).isEqualTo(automatic);
    }

    @Test
    void aMissingVCardFileIsReportedWithItsPath() {
        sys.put("contactsync.vcard.file", tmp.resolve("nope.vcf").toString());
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contactsync.vcard.file").hasMessageContaining("nope.vcf")
                .hasMessageContaining("does not exist");
    }

    @Test
    void theVCardFallbackCharsetIsWindows1252UnlessConfiguredAndAnUnknownOneIsRefused() {
        assertThat(load().vcardCharset()).isEqualTo(java.nio.charset.Charset.forName("windows-1252"));

        sys.put("contactsync.vcard.charset", "ISO-8859-2");
        assertThat(load().vcardCharset()).isEqualTo(java.nio.charset.Charset.forName("ISO-8859-2"));

        sys.put("contactsync.vcard.charset", "klingon-1");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessageContaining("contactsync.vcard.charset").hasMessageContaining("'klingon-1' is not a"
                        + " character set");
    }

    @Test
    void anUnsupportedDatabaseUrlIsRefused() {
        sys.put("contactsync.db.url", "jdbc:mysql://db/contacts");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.db.url")
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void aShortAdminPasswordIsRefusedWithoutRepeatingIt() {
        sys.put("contactsync.admin.password", "abc12");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.admin.password")
                .hasMessageContaining("at least 8").hasMessageNotContaining("abc12");
    }

    @Test
    void relativeOrNonHttpBaseUrlsAreRefused() {
        sys.put("contactsync.public-base-url", "contacts.example.com");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.public-base-url")
                .hasMessageContaining("absolute http(s) URL");
        sys.put("contactsync.public-base-url", "ftp://contacts.example.com");
        assertThatThrownBy(this::load).hasMessageContaining("absolute http(s) URL");
    }

    @Test
    void dialPrefixAllowsOnlyDialableCharacters() {
        sys.put("contactsync.directory.dial-prefix", "9;");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.directory.dial-prefix")
                .hasMessageContaining("only digits");
    }

    @Test
    void trustProxyMustBeABoolean() {
        sys.put("contactsync.trust-proxy", "maybe");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.trust-proxy")
                .hasMessageContaining("not true or false");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        sys.put("contactsync.data-dir", file.toString());
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.data-dir")
                .hasMessageContaining(file.toString());
    }

    @Test
    void everyKeyIsDocumentedInTheConfigurationTable() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md");
        String text = Files.readString(doc);
        for (String key : ContactSyncConfig.KEYS) {
            assertThat(text).as("docs/configuration.md documents " + key).contains("`" + key + "`");
        }
    }
}
