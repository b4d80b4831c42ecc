package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.CiscoXml;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.LabelFilter;
import org.contactsync.directory.PhoneAccess;
import org.contactsync.jaxrs.testkit.ApiServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vendor files, caller-ID look-up, charsets, models and access control over HTTP (in-memory Jersey). */
class PhoneFeedResourceTest {
    private final InMemoryContactStore store = new InMemoryContactStore();
    private final CiscoDirectory directory = new CiscoDirectory(store, Duration.ZERO, Clock.systemUTC(),
            new DirectorySnapshot.Options("DE", LabelFilter.ALL));
    private final List<ApiServer> servers = new ArrayList<>();
    /** What the host says the client's address is (the webapp sets it from the servlet request). */
    private volatile String remoteAddress = "10.1.2.3";

    @AfterEach
    void stop() {
        servers.forEach(ApiServer::close);
    }

    private ApiServer start(DirectorySettings settings) {
        DirectoryResource resource = new DirectoryResource(directory, settings);
        ContainerRequestFilter remote = ctx -> ctx.setProperty(DirectoryResource.REMOTE_ADDRESS_PROPERTY,
                remoteAddress);
        ApiServer server = ApiServer.inMemory(new ResourceConfig().register(resource)
                .register(new DirectoryPhonesResource(resource)).register(remote));
        servers.add(server);
        return server;
    }

    private void addContacts() {
        store.write(List.of(
                Contact.builder("w").displayName("Agnieszka Wójcik").givenName("Agnieszka").familyName("Wójcik")
                        .group("starred").group("Friends")
                        .phone(PhoneNumber.primary("+49 30 1234567", PhoneType.WORK)).build(),
                Contact.builder("m").displayName("Marek Łukasz").phone("0170 7654321", PhoneType.MOBILE).build(),
                Contact.builder("z").displayName("Жанна Новикова").phone("+7 495 765 4321", PhoneType.HOME).build(),
                Contact.builder("e").displayName("Empfang").phone("201", PhoneType.WORK).build()), List.of());
    }

    private static Response get(ApiServer server, String path, String... headers) {
        var b = server.target(path).request();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b = b.header(headers[i], headers[i + 1]);
        }
        return b.get();
    }

    // ---- caller-ID ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+49 30 1234567", "+4930 1234567", "0049301234567", "030 1234567", "030/123 45 67",
        "49301234567", "301234567", "0 030 1234567", "+49 (0)30 1234567"})
    void theLookupFindsTheContactFromAnyWrittenFormOfItsNumber(String written) {
        addContacts();
        ApiServer server = start(new DirectorySettings(null, null, false, "0"));

        try (Response r = server.target("directory/lookup").queryParam("number", written).request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getMediaType().toString()).startsWith("text/plain");
            assertThat(r.readEntity(String.class)).isEqualTo("Agnieszka Wójcik");
        }
    }

    @Test
    void theLookupFindsExtensionsAsTheyAreAndAnswersJsonWhenAsked() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        try (Response r = server.target("directory/lookup").queryParam("number", "201").request().get()) {
            assertThat(r.readEntity(String.class)).isEqualTo("Empfang");
        }
        try (Response r = server.target("directory/lookup").queryParam("number", "+49 170 7654321")
                .request(MediaType.APPLICATION_JSON).get()) {
            assertThat(r.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE)).isTrue();
            assertThat(r.readEntity(String.class)).contains("\"name\":\"Marek Łukasz\"");
        }
    }

    @Test
    void anUnknownNumberIs404WithAnEmptyBodyAndAMissingOneIs400() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        try (Response r = server.target("directory/lookup").queryParam("number", "+1 212 555 0199").request().get()) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.readEntity(String.class)).isEmpty();
        }
        try (Response r = server.target("directory/lookup").request().get()) {
            assertThat(r.getStatus()).isEqualTo(400);
            assertThat(r.readEntity(String.class)).contains("?number=");
        }
    }

    // ---- vendor files ------------------------------------------------------------------------------------------

    @Test
    void everyVendorFileIsServedWithItsRootElementAndAnUnchangedOneIsA304() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());
        List<String[]> files = List.of(new String[] {"yealink/phonebook.xml", "YealinkIPPhoneBook"},
                new String[] {"grandstream/phonebook.xml", "AddressBook"}, new String[] {"snom/tbook.xml", "tbook"},
                new String[] {"polycom/000000000000-directory.xml", "directory"},
                new String[] {"fanvil/phonebook.xml", "PhoneBook"});
        for (String[] f : files) {
            String etag;
            try (Response r = get(server, "directory/" + f[0])) {
                assertThat(r.getStatus()).as(f[0]).isEqualTo(200);
                assertThat(r.getHeaderString("X-Phonebook-Parts")).isEqualTo("1");
                assertThat(CiscoXml.parse(r.readEntity(byte[].class)).rootName()).isEqualTo(f[1]);
                etag = r.getHeaderString(HttpHeaders.ETAG);
            }
            try (Response r = get(server, "directory/" + f[0], HttpHeaders.IF_NONE_MATCH, etag)) {
                assertThat(r.getStatus()).as(f[0]).isEqualTo(304);
            }
        }
        try (Response r = get(server, "directory/yealink/nope.xml")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.readEntity(String.class)).contains("/directory/yealink/phonebook.xml");
        }
        try (Response r = get(server, "directory/snom/tbook.xml?part=2")) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.readEntity(String.class)).contains("has 1 part");
        }
    }

    @Test
    void thePhonesEndpointListsTheUrlToEnterPerVendor() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        try (Response r = get(server, "api/directory/phones")) {
            String json = r.readEntity(String.class);
            assertThat(json).contains("\"vendor\":\"cisco\"", "\"vendor\":\"yealink\"", "directory/snom/tbook.xml",
                    "directory/lookup?number=");
        }
    }

    @Test
    void yealinkAndSnomPhonesBrowseWithTheirOwnXmlObjects() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        CiscoXml yealink = CiscoXml.parse(get(server, "directory/yealink/browse").readEntity(byte[].class));
        assertThat(yealink.rootName()).isEqualTo("YealinkIPPhoneTextMenu");
        CiscoXml snomGroup = CiscoXml.parse(get(server, "directory/snom/browse/groups/2ABC").readEntity(byte[].class));
        assertThat(snomGroup.rootName()).isEqualTo("SnomIPPhoneMenu");
        try (Response r = get(server, "directory/snom/browse/search?q=9652")) {
            byte[] body = r.readEntity(byte[].class);
            assertThat(new String(body, StandardCharsets.UTF_8)).contains("<SnomIPPhoneDirectory>",
                    "<Telephone>+49301234567</Telephone>");
        }
        String etag;
        try (Response r = get(server, "directory/yealink/browse/groups/2")) {
            assertThat(r.getStatus()).isEqualTo(200);
            etag = r.getHeaderString(HttpHeaders.ETAG);
        }
        assertThat(get(server, "directory/yealink/browse/groups/2", HttpHeaders.IF_NONE_MATCH, etag).getStatus())
                .isEqualTo(304);
    }

    // ---- Cisco: favourites, labels, alias, charset, model ------------------------------------------------------

    @Test
    void favouritesAndLabelsAreOnTheMainMenuAndTheCiscoPathIsAnAlias() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        CiscoXml menu = CiscoXml.parse(get(server, "directory/cisco").readEntity(byte[].class));
        assertThat(menu.menuItems()).extracting(CiscoXml.Item::name).contains("Favourites", "Groups");
        String favourites = menu.menuItems().stream().filter(i -> i.name().equals("Favourites")).findFirst()
                .orElseThrow().value();
        CiscoXml favs = CiscoXml.parse(get(server, favourites.substring(favourites.indexOf("directory/")))
                .readEntity(byte[].class));
        assertThat(favs.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Agnieszka Wójcik");
        CiscoXml labels = CiscoXml.parse(get(server, "directory/labels").readEntity(byte[].class));
        assertThat(labels.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Friends (1)");
        assertThat(CiscoXml.parse(get(server, "directory/cisco/groups/2ABC").readEntity(byte[].class)).rootName())
                .isEqualTo("CiscoIPPhoneMenu");
    }

    @Test
    void a7942AcceptingOnlyIso88591GetsWellFormedIso88591WithTransliteratedNames() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        try (Response r = get(server, "directory/groups/0", "x-CiscoIPPhoneModelName", "CP-7942G",
                HttpHeaders.ACCEPT_CHARSET, "iso-8859-1")) {
            assertThat(r.getHeaderString(HttpHeaders.CONTENT_TYPE)).containsIgnoringCase("charset=iso-8859-1");
            byte[] body = r.readEntity(byte[].class);
            String raw = new String(body, StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>").doesNotContain("?</");
            CiscoXml doc = CiscoXml.parse(body);
            assertThat(doc.menuItems()).extracting(CiscoXml.Item::name).containsExactly("Zanna Novikova");
        }
        try (Response r = get(server, "directory/groups/6", HttpHeaders.ACCEPT_CHARSET, "iso-8859-1")) {
            // Ł is not in ISO-8859-1: spelled L.
            assertThat(CiscoXml.parse(r.readEntity(byte[].class)).menuItems()).extracting(CiscoXml.Item::name)
                    .containsExactly("Marek Lukasz");
        }
    }

    @Test
    void aLegacyCharsetIsUsedWhenThePhoneOffersIt() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults()
                .withLegacyCharset(java.nio.charset.Charset.forName("windows-1251")));

        try (Response r = get(server, "directory/groups/0", HttpHeaders.ACCEPT_CHARSET, "windows-1251, iso-8859-1")) {
            byte[] body = r.readEntity(byte[].class);
            assertThat(new String(body, StandardCharsets.ISO_8859_1)).contains("encoding=\"windows-1251\"");
            assertThat(CiscoXml.parse(body).menuItems()).extracting(CiscoXml.Item::name)
                    .containsExactly("Жанна Новикова");
        }
    }

    @Test
    void aSmallModelGetsTwoSoftKeysNoPromptAndMenuItemsForPaging() {
        List<Contact> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(Contact.builder("b" + i).displayName(String.format("Baker %02d with a long name", i))
                    .phone("+49 30 100" + i, PhoneType.WORK).build());
        }
        store.write(many, List.of());
        ApiServer server = start(DirectorySettings.defaults());

        CiscoXml page = CiscoXml.parse(get(server, "directory/groups/2", "x-CiscoIPPhoneModelName", "CP-7912G")
                .readEntity(byte[].class));
        assertThat(page.childNames()).doesNotContain("Prompt");
        assertThat(page.softKeys()).extracting(CiscoXml.SoftKey::position).containsExactly(1, 2);
        assertThat(page.menuItems()).last().extracting(CiscoXml.Item::name).isEqualTo("Next...");
        assertThat(page.menuItems()).allMatch(i -> i.name().length() <= 16);
    }

    // ---- access control ----------------------------------------------------------------------------------------

    @Test
    void accessControlAllowsListedNetworksAndDevicesAndRefusesOthersWithAPhoneReadablePage() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults()
                .withAccess(PhoneAccess.parse("10.1.0.0/16, 2001:db8::/32", "SEP001122334455")));

        remoteAddress = "10.1.200.7";
        assertThat(get(server, "directory").getStatus()).isEqualTo(200);
        remoteAddress = "2001:db8::42";
        assertThat(get(server, "directory/yealink/phonebook.xml").getStatus()).isEqualTo(200);
        remoteAddress = "192.168.1.5";
        try (Response r = get(server, "directory")) {
            assertThat(r.getStatus()).isEqualTo(403);
            assertThat(CiscoXml.parse(r.readEntity(byte[].class)).text("Text")).contains("limited to the phones");
        }
        assertThat(get(server, "directory/lookup?number=201").getStatus()).isEqualTo(403);
        assertThat(get(server, "directory", "x-CiscoIPPhoneDeviceName", "sep001122334455").getStatus())
                .isEqualTo(200);
        assertThat(get(server, "directory", "x-CiscoIPPhoneDeviceName", "SEP999").getStatus()).isEqualTo(403);
    }

    @Test
    void withoutAccessSettingsEveryoneIsAllowed() {
        addContacts();
        remoteAddress = null;
        ApiServer server = start(DirectorySettings.defaults());
        assertThat(get(server, "directory").getStatus()).isEqualTo(200);
        assertThat(get(server, "directory/lookup?number=201").getStatus()).isEqualTo(200);
    }
}
