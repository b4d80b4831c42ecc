package org.contactsync.webapp.config;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.contactsync.google.GoogleDirectorySyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.google.TokenCipher;
import org.contactsync.webapp.config.SourceSettings.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code contactsync.sources} and {@code contactsync.source.NAME.*}; without them, the one source "default". */
class SourcesConfigTest {
    private static final String KEY = TokenCipher.generateBase64Key();

    @TempDir
    Path tmp;

    private final Map<String, String> sys = new HashMap<>();
    private Path vcf;

    @BeforeEach
    void sharedGoogleClientAndAFile() throws IOException {
        vcf = Files.writeString(tmp.resolve("suppliers.vcf"), "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\n");
        sys.put(ContactSyncConfig.DATA_DIR, tmp.resolve("data").toString());
        sys.put("contactsync.google.client-id", "shared-client");
        sys.put("contactsync.google.client-secret", "shared-secret-value");
        sys.put("contactsync.google.token-key", KEY);
    }

    private ContactSyncConfig load() {
        return ContactSyncConfig.load(ConfigSources.of(sys, Map.of(), Map.of()));
    }

    /** The configuration error's message, which must name the key. */
    private String error(String key) {
        ConfigException e = catchThrowableOfType(ConfigException.class, this::load);
        assertThat(e).as("a configuration error for " + key).isNotNull();
        assertThat(e.key()).isEqualTo(key);
        return e.getMessage();
    }

    private void threeSources() {
        sys.put("contactsync.sources", "staff, customers,suppliers");
        sys.put("contactsync.source.staff.type", "google-directory");
        sys.put("contactsync.source.customers.type", "google");
        sys.put("contactsync.source.suppliers.type", "vcard");
        sys.put("contactsync.source.suppliers.file", vcf.toString());
    }

    @Test
    void theSourcesAreReadInTheConfiguredOrderWhichIsTheirPriority() {
        threeSources();
        sys.put("contactsync.source.customers.client-id", "customers-client");
        sys.put("contactsync.source.customers.client-secret", "customers-secret-value");
        sys.put("contactsync.source.customers.groups", "Customers");
        sys.put("contactsync.source.suppliers.charset", "ISO-8859-2");

        ContactSyncConfig c = load();

        assertThat(c.sourceNames()).containsExactly("staff", "customers", "suppliers");
        SourceSettings staff = c.sources().get(0);
        assertThat(staff.type()).isEqualTo(Type.GOOGLE_DIRECTORY);
        assertThat(staff.google().clientId()).isEqualTo("shared-client");
        assertThat(staff.google().scopes()).containsExactly(GoogleDirectorySyncEngine.SCOPE);
        assertThat(staff.directorySources()).containsExactly(GoogleDirectorySyncEngine.DOMAIN_PROFILE,
                GoogleDirectorySyncEngine.DOMAIN_CONTACT);
        SourceSettings customers = c.sources().get(1);
        assertThat(customers.type()).isEqualTo(Type.GOOGLE);
        assertThat(customers.google().clientId()).isEqualTo("customers-client");
        assertThat(customers.google().clientSecret()).isEqualTo("customers-secret-value");
        assertThat(customers.google().groups()).containsExactly("Customers");
        assertThat(customers.google().scopes()).containsExactly(GoogleSettings.SCOPE);
        SourceSettings suppliers = c.sources().get(2);
        assertThat(suppliers.type()).isEqualTo(Type.VCARD);
        assertThat(suppliers.vcardFile()).isEqualTo(vcf.toAbsolutePath());
        assertThat(suppliers.charset()).isEqualTo(Charset.forName("ISO-8859-2"));
    }

    @Test
    void aGoogleSourceTakesTheTestEndpointsAndTheDirectoryItsParts() {
        sys.put("contactsync.sources", "staff");
        sys.put("contactsync.source.staff.type", "google-directory");
        sys.put("contactsync.source.staff.directory-sources", "profile");
        sys.put("contactsync.source.staff.api-root-url", "http://127.0.0.1:9/");
        sys.put("contactsync.source.staff.token-url", "http://127.0.0.1:9/token");
        sys.put("contactsync.source.staff.auth-url", "http://127.0.0.1:9/auth");

        SourceSettings staff = load().sources().get(0);

        assertThat(staff.directorySources()).containsExactly(GoogleDirectorySyncEngine.DOMAIN_PROFILE);
        assertThat(staff.google().apiRootUrl()).hasToString("http://127.0.0.1:9/");
        assertThat(staff.google().tokenUrl()).hasToString("http://127.0.0.1:9/token");
        assertThat(staff.google().authUrl()).hasToString("http://127.0.0.1:9/auth");
    }

    @Test
    void aCardDavSourceHasItsAddressBookLoginAndTimeoutsAndItsPasswordIsNeverShown() {
        sys.put("contactsync.sources", "nextcloud");
        sys.put("contactsync.source.nextcloud.type", "carddav");
        sys.put("contactsync.source.nextcloud.url", "https://cloud.example.com/remote.php/dav/addressbooks/users/a/contacts");
        sys.put("contactsync.source.nextcloud.username", "alice");
        sys.put("contactsync.source.nextcloud.password", "app-password-secret");
        sys.put("contactsync.source.nextcloud.read-timeout", "2m");

        ContactSyncConfig c = load();

        SourceSettings dav = c.sources().get(0);
        assertThat(dav.cardDav().addressBook())
                .hasToString("https://cloud.example.com/remote.php/dav/addressbooks/users/a/contacts/");
        assertThat(dav.cardDav().user()).isEqualTo("alice");
        assertThat(dav.cardDav().password()).isEqualTo("app-password-secret");
        assertThat(dav.cardDav().readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(dav.cardDav().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.toString()).contains("nextcloud", "carddav")
                .doesNotContain("app-password-secret", "shared-secret-value", KEY);
    }

    @Test
    void withoutContactsyncSourcesTheSingleSourceKeysAreTheSourceDefault() {
        sys.put("contactsync.vcard.file", vcf.toString());
        sys.put("contactsync.vcard.charset", "windows-1250");

        ContactSyncConfig c = load();

        assertThat(c.sources()).containsExactly(new SourceSettings("default", Type.VCARD, vcf.toAbsolutePath(),
                Charset.forName("windows-1250"), null, null, null));
        assertThat(c.sourceNames()).containsExactly("default");
    }

    @Test
    void theSingleGoogleSourceIsTheSourceDefaultWithTheSharedSettings() {
        sys.put("contactsync.source", "google");

        ContactSyncConfig c = load();

        assertThat(c.source()).isEqualTo(ContactSyncConfig.Source.GOOGLE);
        assertThat(c.sources()).hasSize(1);
        assertThat(c.sources().get(0).name()).isEqualTo("default");
        assertThat(c.sources().get(0).type()).isEqualTo(Type.GOOGLE);
        assertThat(c.sources().get(0).google()).isEqualTo(c.google());
    }

    @Test
    void theBundledSampleIsTheDefaultSourceWhenNothingIsConfigured() {
        SourceSettings only = load().sources().get(0);

        assertThat(only.name()).isEqualTo("default");
        assertThat(only.type()).isEqualTo(Type.VCARD);
        assertThat(only.vcardFile()).isNull();
    }

    // ---------------------------------------------------------------- every error is a sentence naming its key

    @Test
    void anUnknownTypeNamesTheTypesThereAre() {
        sys.put("contactsync.sources", "staff");
        sys.put("contactsync.source.staff.type", "ldap");

        assertThat(error("contactsync.source.staff.type")).isEqualTo("Invalid configuration: "
                + "contactsync.source.staff.type (set by system property contactsync.source.staff.type) 'ldap' is "
                + "not a source type. Use vcard, google, google-directory or carddav. Configuration keys are listed "
                + "in docs/configuration.md.");
    }

    @Test
    void aNamedSourceWithoutATypeSaysWhatToWrite() {
        sys.put("contactsync.sources", "staff");

        assertThat(error("contactsync.source.staff.type")).contains("contactsync.source.staff.type is not set, but "
                + "contactsync.sources names the source 'staff'. Set it to vcard, google, google-directory or carddav.");
    }

    @Test
    void aNameUsedTwiceIsRefused() {
        sys.put("contactsync.sources", "staff,customers,staff");

        assertThat(error("contactsync.sources")).contains("names the source 'staff' twice. Give every source a "
                + "name of its own.");
    }

    @Test
    void namesThatWouldNotWorkInKeysAndUrlsAreRefused() {
        for (String bad : List.of("Staff", "head.office", "9lives", "a_b", "x".repeat(33))) {
            sys.put("contactsync.sources", "customers," + bad);
            assertThat(error("contactsync.sources")).contains("'" + bad + "' is not a usable source name: use 1 to "
                    + "32 lower-case letters, digits or '-', starting with a letter (e.g. staff or head-office).");
        }
    }

    @Test
    void anEmptyNameIsRefused() {
        sys.put("contactsync.sources", "staff,,customers");

        assertThat(error("contactsync.sources")).contains("'staff,,customers' has an empty name. Write the source "
                + "names separated by commas, highest priority first, e.g. staff,customers,suppliers.");
    }

    @Test
    void aVCardSourceNeedsItsFile() {
        sys.put("contactsync.sources", "suppliers");
        sys.put("contactsync.source.suppliers.type", "vcard");

        assertThat(error("contactsync.source.suppliers.file")).contains("contactsync.source.suppliers.file is not "
                + "set. Point it at the .vcf file the source 'suppliers' reads.");

        sys.put("contactsync.source.suppliers.file", tmp.resolve("missing.vcf").toString());
        assertThat(error("contactsync.source.suppliers.file")).contains("missing.vcf does not exist or is not a file. "
                + "Point it at a .vcf file.");
    }

    @Test
    void aGoogleSourceWithoutAnOAuthClientSaysWhichKeysToSet() {
        sys.remove("contactsync.google.client-id");
        sys.remove("contactsync.google.client-secret");
        sys.put("contactsync.sources", "customers");
        sys.put("contactsync.source.customers.type", "google");

        assertThat(error("contactsync.source.customers.client-id")).contains("contactsync.source.customers.client-id "
                + "is not set (nor the shared contactsync.google.client-id). The source 'customers' is of type google; "
                + "docs/google.md tells how to create an OAuth client, docs/sources.md how to configure sources.");
    }

    @Test
    void aSourcesOwnClientIdNeedsItsOwnSecret() {
        sys.put("contactsync.sources", "customers");
        sys.put("contactsync.source.customers.type", "google");
        sys.put("contactsync.source.customers.client-id", "customers-client");

        String message = error("contactsync.source.customers.client-secret");
        assertThat(message).contains("contactsync.source.customers.client-secret is not set but "
                + "contactsync.source.customers.client-id is. Set both from the OAuth client");
        assertThat(message).doesNotContain("shared-secret-value");
    }

    @Test
    void aGoogleSourceNeedsATokenKey() {
        sys.remove("contactsync.google.token-key");
        sys.put("contactsync.sources", "staff");
        sys.put("contactsync.source.staff.type", "google-directory");

        assertThat(error("contactsync.source.staff.token-key")).contains("is not set (nor the shared "
                + "contactsync.google.token-key). It encrypts the stored Google refresh token");
    }

    @Test
    void aBadTokenKeyIsNamedButNeverRepeated() {
        sys.put("contactsync.sources", "staff");
        sys.put("contactsync.source.staff.type", "google-directory");
        sys.put("contactsync.source.staff.token-key", "not-a-key-at-all");

        assertThat(error("contactsync.source.staff.token-key")).contains("is not a usable key")
                .doesNotContain("not-a-key-at-all");
    }

    @Test
    void anUnknownPartOfTheDirectoryIsRefused() {
        sys.put("contactsync.sources", "staff");
        sys.put("contactsync.source.staff.type", "google-directory");
        sys.put("contactsync.source.staff.directory-sources", "profile,groups");

        assertThat(error("contactsync.source.staff.directory-sources")).contains("'groups' is not a part of the "
                + "directory. Use profile (the domain's users), contact (the domain's shared contacts) or "
                + "profile,contact.");
    }

    @Test
    void aCardDavSourceNeedsItsUrlAndBothUserAndPassword() {
        sys.put("contactsync.sources", "dav");
        sys.put("contactsync.source.dav.type", "carddav");
        assertThat(error("contactsync.source.dav.url")).contains("contactsync.source.dav.url is not set. Set it to "
                + "the address book collection's URL");

        sys.put("contactsync.source.dav.url", "ftp://dav.example.com/book/");
        assertThat(error("contactsync.source.dav.url")).contains("'ftp://dav.example.com/book/' is not an absolute "
                + "http(s) URL.");

        sys.put("contactsync.source.dav.url", "https://dav.example.com/alice/book/");
        sys.put("contactsync.source.dav.password", "dav-password-secret");
        String noUser = error("contactsync.source.dav.username");
        assertThat(noUser).contains("contactsync.source.dav.username is not set but contactsync.source.dav.password "
                + "is. Set the user name the CardDAV server knows.").doesNotContain("dav-password-secret");

        sys.remove("contactsync.source.dav.password");
        sys.put("contactsync.source.dav.username", "alice");
        assertThat(error("contactsync.source.dav.password")).contains("contactsync.source.dav.password is not set "
                + "but contactsync.source.dav.username is.");

        sys.put("contactsync.source.dav.password", "dav-password-secret");
        sys.put("contactsync.source.dav.connect-timeout", "soon");
        assertThat(error("contactsync.source.dav.connect-timeout")).contains("'soon' is not a duration.");
    }

    @Test
    void singleSourceKeysBesideNamedSourcesAreRefusedSoNothingIsSilentlyIgnored() {
        threeSources();
        sys.put("contactsync.source", "google");
        assertThat(error("contactsync.source")).contains("contactsync.source (set by system property "
                + "contactsync.source) is a single-source setting, but contactsync.sources names the sources. Set each "
                + "source's type and file as contactsync.source.NAME.type and contactsync.source.NAME.file instead, "
                + "and remove contactsync.source.");

        sys.remove("contactsync.source");
        sys.put("contactsync.vcard.file", vcf.toString());
        assertThat(error("contactsync.vcard.file")).contains("is a single-source setting");
    }
}
