package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneType;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.CiscoXml;
import org.contactsync.jaxrs.testkit.ApiServer;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The directory over HTTP, in Jersey's in-memory container (see the Jetty subclass for a real server). */
class DirectoryResourceTest {
    protected final InMemoryContactStore store = new InMemoryContactStore();
    protected final CiscoDirectory directory = new CiscoDirectory(store, Duration.ZERO, java.time.Clock.systemUTC());
    private final List<ApiServer> servers = new ArrayList<>();

    /** Starts the directory with these settings; the container is this class's (in-memory) or a subclass's. */
    protected ApiServer start(DirectorySettings settings) {
        return start(directory, settings);
    }

    protected ApiServer start(CiscoDirectory dir, DirectorySettings settings) {
        return track(ApiServer.inMemory(new ResourceConfig().register(new DirectoryResource(dir, settings))));
    }

    protected ApiServer track(ApiServer server) {
        servers.add(server);
        return server;
    }

    @AfterEach
    void stopServers() {
        servers.forEach(ApiServer::close);
    }

    protected void addContacts() {
        store.write(List.of(
                Contact.builder("a").displayName("Anna Smith").phone("+1 (555) 010-2000", PhoneType.WORK).build(),
                Contact.builder("b").displayName("Bob & \"Alice\" <script>").phone("555 0101", PhoneType.MOBILE)
                        .build(),
                Contact.builder("z").displayName("Zoë 李").phone("555 0102", PhoneType.HOME).build(),
                Contact.builder("c").displayName("Carl").phone("555 0103", PhoneType.MOBILE).build()), List.of());
    }

    protected long id(String sourceId) {
        return store.findBySourceId(sourceId).orElseThrow().id();
    }

    @Test
    void servesEveryPageAsTextXmlInUtf8WithTheRootElementCiscoExpects() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        Map<String, String> expected = Map.of(
                "directory", "CiscoIPPhoneMenu",
                "directory/groups/2ABC", "CiscoIPPhoneMenu",
                "directory/contacts/" + id("a"), "CiscoIPPhoneDirectory",
                "directory/search", "CiscoIPPhoneInput",
                "directory/search?q=smi", "CiscoIPPhoneDirectory",
                "directory/help", "CiscoIPPhoneText");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            try (Response r = server.target(e.getKey()).request().get()) {
                assertThat(r.getStatus()).as(e.getKey()).isEqualTo(200);
                assertThat(r.getHeaderString(HttpHeaders.CONTENT_TYPE)).as(e.getKey())
                        .isEqualToIgnoringWhitespace("text/xml;charset=utf-8");
                CiscoXml doc = CiscoXml.parse(r.readEntity(String.class));
                assertThat(doc.rootName()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void sendsNamesAsUtf8BytesEscaped() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        byte[] body;
        try (Response r = server.target("directory/groups/9WXYZ").request().get()) {
            body = r.readEntity(byte[].class);
        }
        String xml = new String(body, StandardCharsets.UTF_8);

        assertThat(CiscoXml.parse(xml).menuItems()).extracting(CiscoXml.Item::name).containsExactly("Zoë 李");
        assertThat(xml).contains("Zo\u00EB \u674E").startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        try (Response r = server.target("directory/groups/2ABC").request().get()) {
            String page = r.readEntity(String.class);
            assertThat(page).contains("Bob &amp; &quot;Alice&quot; &lt;script&gt;");
            assertThat(CiscoXml.parse(page).menuItems()).extracting(CiscoXml.Item::name)
                    .containsExactly("Anna Smith", "Bob & \"Alice\" <script>", "Carl");
        }
    }

    @Test
    void answersWhateverAcceptHeaderAPhoneSends() {
        ApiServer server = start(DirectorySettings.defaults());

        for (String accept : List.of("x-CiscoIPPhone/*;version=3.0", "text/*", "*/*", "application/json")) {
            try (Response r = server.target("directory").request().header(HttpHeaders.ACCEPT, accept).get()) {
                assertThat(r.getStatus()).as(accept).isEqualTo(200);
                assertThat(r.getMediaType().toString()).as(accept).startsWith("text/xml");
            }
        }
    }

    @Test
    void linksAreAbsoluteAndBuiltFromTheRequestByDefault() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());
        String root = server.baseUri() + "directory";

        CiscoXml menu = get(server, "directory");

        assertThat(menu.menuItems().get(10).value()).isEqualTo(root + "/search");
        assertThat(menu.menuItems().get(1).value()).isEqualTo(root + "/groups/2ABC");
        assertThat(get(server, "directory/groups/2ABC").menuItems().get(0).value())
                .isEqualTo(root + "/contacts/" + id("a"));
    }

    @Test
    void linksUseTheConfiguredPublicBaseUrl() {
        ApiServer server = start(new DirectorySettings(null, URI.create("https://phones.example.com/cs/"), false,
                null));

        CiscoXml menu = get(server, "directory", Map.of("X-Forwarded-Host", "evil.example.net"));

        assertThat(menu.allUrls()).filteredOn(u -> u.startsWith("http"))
                .allMatch(u -> u.startsWith("https://phones.example.com/cs/directory"));
        assertThat(menu.menuItems().get(0).value()).isEqualTo("https://phones.example.com/cs/directory/groups/1");
    }

    @Test
    void aPublicBaseUrlWithoutPathKeepsTheRequestPath() {
        ApiServer server = start(new DirectorySettings(null, URI.create("https://phones.example.com"), false, null));
        String requestPath = server.baseUri().getRawPath();

        CiscoXml menu = get(server, "directory");

        assertThat(menu.menuItems().get(10).value())
                .isEqualTo("https://phones.example.com" + requestPath + "directory/search");
    }

    @Test
    void behindATrustedProxyLinksUseTheForwardedSchemeAndHost() {
        ApiServer server = start(new DirectorySettings(null, null, true, null));
        String path = server.baseUri().getRawPath();

        CiscoXml menu = get(server, "directory",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "dir.example.com, proxy2.internal"));

        assertThat(menu.menuItems().get(10).value()).isEqualTo("https://dir.example.com" + path + "directory/search");
        assertThat(menu.allUrls()).filteredOn(u -> u.startsWith("http"))
                .allMatch(u -> u.startsWith("https://dir.example.com" + path + "directory"));
    }

    @Test
    void withoutTrustForwardedHeadersAreIgnored() {
        ApiServer server = start(DirectorySettings.defaults());

        CiscoXml menu = get(server, "directory",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example.net"));

        assertThat(menu.menuItems().get(10).value()).isEqualTo(server.baseUri() + "directory/search");
        assertThat(String.join(" ", menu.allUrls())).doesNotContain("evil");
    }

    @Test
    void aTrustedProxyStillCannotInjectMarkupOrPathsThroughTheHostHeader() {
        ApiServer server = start(new DirectorySettings(null, null, true, null));

        for (String host : List.of("evil.com/<script>", "a b", "evil.com\"/x", "user@evil.com", "")) {
            CiscoXml menu = get(server, "directory", Map.of("X-Forwarded-Host", host, "X-Forwarded-Proto", "gopher"));
            assertThat(menu.menuItems().get(10).value()).as(host).isEqualTo(server.baseUri() + "directory/search");
        }
    }

    @Test
    void badRequestsGetACiscoTextPageWithTheRightStatus() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        Map<String, Integer> cases = Map.of(
                "directory/groups/XYZ", 404,
                "directory/groups/2ABC?page=-1", 400,
                "directory/groups/2ABC?page=abc", 400,
                "directory/groups/2ABC?page=99999999999999999999", 400,
                "directory/groups/2ABC?page=5", 404,
                "directory/contacts/abc", 400,
                "directory/contacts/-3", 400,
                "directory/contacts/987654", 404,
                "directory/nope/at/all", 404,
                "directory/search?q=" + "x".repeat(40), 400);
        for (Map.Entry<String, Integer> e : cases.entrySet()) {
            try (Response r = server.target(e.getKey()).request().get()) {
                String body = r.readEntity(String.class);
                assertThat(r.getStatus()).as(e.getKey()).isEqualTo(e.getValue());
                assertThat(r.getMediaType().toString()).as(e.getKey()).startsWith("text/xml");
                CiscoXml doc = CiscoXml.parse(body);
                assertThat(doc.rootName()).as(e.getKey()).isEqualTo("CiscoIPPhoneText");
                assertThat(doc.text("Text")).as(e.getKey()).isNotBlank();
                assertThat(body).as(e.getKey()).doesNotContain("Exception").doesNotContain("at org.");
            }
        }
    }

    @Test
    void searchFindsByNumberInAnyFormatAndOneResultIsTheContactItself() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());

        try (Response r = server.target("directory/search").queryParam("q", "+1 (555) 010-2000").request().get()) {
            CiscoXml doc = CiscoXml.parse(r.readEntity(String.class));
            assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneDirectory");
            assertThat(doc.text("Title")).isEqualTo("Anna Smith");
            assertThat(doc.directoryEntries()).containsExactly(new CiscoXml.Item("Work +1 (555) 010-2000", "+15550102000"));
        }
        CiscoXml form = get(server, "directory/search");
        assertThat(form.text("URL")).isEqualTo(server.baseUri() + "directory/search");
    }

    @Test
    void theDialPrefixAndTitleComeFromTheSettings() {
        addContacts();
        ApiServer server = start(new DirectorySettings("ACME Phone Book", null, false, "0"));

        assertThat(get(server, "directory").text("Title")).isEqualTo("ACME Phone Book");
        assertThat(get(server, "directory/contacts/" + id("c")).directoryEntries())
                .containsExactly(new CiscoXml.Item("Mobile 555 0103", "05550103"));
    }

    @Test
    void anUnchangedPageIsA304ForItsEtagOrDate() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());
        String etag;
        String lastModified;
        try (Response r = server.target("directory/groups/2ABC").request().get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            etag = r.getHeaderString(HttpHeaders.ETAG);
            lastModified = r.getHeaderString(HttpHeaders.LAST_MODIFIED);
            assertThat(r.getHeaderString(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
        }
        assertThat(etag).isNotBlank();
        assertThat(lastModified).isNotBlank();

        try (Response r = server.target("directory/groups/2ABC").request()
                .header(HttpHeaders.IF_NONE_MATCH, etag).get()) {
            assertThat(r.getStatus()).isEqualTo(304);
            assertThat(r.hasEntity()).isFalse();
        }
        try (Response r = server.target("directory/groups/2ABC").request()
                .header(HttpHeaders.IF_MODIFIED_SINCE, lastModified).get()) {
            assertThat(r.getStatus()).isEqualTo(304);
        }
    }

    @Test
    void aChangedDirectoryIsSentAgainWithANewEtag() {
        addContacts();
        ApiServer server = start(DirectorySettings.defaults());
        String etag;
        try (Response r = server.target("directory/groups/2ABC").request().get()) {
            etag = r.getHeaderString(HttpHeaders.ETAG);
        }

        store.write(List.of(Contact.builder("n").displayName("Berta").phone("555 0199", PhoneType.MOBILE).build()),
                List.of());

        try (Response r = server.target("directory/groups/2ABC").request()
                .header(HttpHeaders.IF_NONE_MATCH, etag).get()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNotEqualTo(etag);
            assertThat(CiscoXml.parse(r.readEntity(String.class)).menuItems()).extracting(CiscoXml.Item::name)
                    .contains("Berta");
        }
    }

    @Test
    void theEtagDependsOnTheBaseUrlSoProxiesNeverMixUpLinks() {
        ApiServer server = start(new DirectorySettings(null, null, true, null));
        String direct;
        String proxied;
        try (Response r = server.target("directory").request().get()) {
            direct = r.getHeaderString(HttpHeaders.ETAG);
        }
        try (Response r = server.target("directory").request().header("X-Forwarded-Host", "dir.example.com").get()) {
            proxied = r.getHeaderString(HttpHeaders.ETAG);
        }
        assertThat(direct).isNotEqualTo(proxied);
    }

    @Test
    void errorPagesCarryNoEtag() {
        ApiServer server = start(DirectorySettings.defaults());
        try (Response r = server.target("directory/contacts/42").request().get()) {
            assertThat(r.getStatus()).isEqualTo(404);
            assertThat(r.getHeaderString(HttpHeaders.ETAG)).isNull();
        }
    }

    @Test
    void whenTheContactsCannotBeLoadedAtAllPhonesGetA503Page() {
        ContactStore broken = new UnreadableStore();
        ApiServer server = start(new CiscoDirectory(broken), DirectorySettings.defaults());

        try (Response r = server.target("directory/groups/2ABC").request().get()) {
            assertThat(r.getStatus()).isEqualTo(503);
            assertThat(r.getHeaderString("Retry-After")).isEqualTo("30");
            CiscoXml doc = CiscoXml.parse(r.readEntity(String.class));
            assertThat(doc.rootName()).isEqualTo("CiscoIPPhoneText");
            assertThat(doc.text("Text")).contains("cannot be loaded");
        }
        try (Response r = server.target("directory").request().get()) {
            assertThat(r.getStatus()).as("the menu needs no contacts").isEqualTo(200);
        }
    }

    @Test
    void headRequestsWork() {
        ApiServer server = start(DirectorySettings.defaults());
        try (Response r = server.target("directory").request().head()) {
            assertThat(r.getStatus()).isEqualTo(200);
            assertThat(r.getMediaType().toString()).startsWith("text/xml");
        }
    }

    protected static CiscoXml get(ApiServer server, String path) {
        return get(server, path, Map.of());
    }

    protected static CiscoXml get(ApiServer server, String path, Map<String, String> headers) {
        Invocation.Builder b = server.target(path).request();
        headers.forEach(b::header);
        try (Response r = b.get()) {
            assertThat(r.getStatus()).as(path).isEqualTo(200);
            return CiscoXml.parse(r.readEntity(String.class));
        }
    }

    /** A store whose database is down. */
    private static final class UnreadableStore implements ContactStore {
        private static IllegalStateException down() {
            return new IllegalStateException("connection refused");
        }

        @Override
        public Map<String, String> contentHashes(String source, Collection<String> sourceIds) {
            throw down();
        }

        @Override
        public Set<String> sourceIds(String source) {
            throw down();
        }

        @Override
        public void write(String source, List<Contact> upserts, Collection<String> deletions) {
            throw down();
        }

        @Override
        public Optional<Contact> findById(long id) {
            throw down();
        }

        @Override
        public Optional<Contact> findBySourceId(String source, String sourceId) {
            throw down();
        }

        @Override
        public Page<Contact> search(ContactQuery query) {
            throw down();
        }

        @Override
        public long count() {
            throw down();
        }

        @Override
        public void forEach(Consumer<Contact> action) {
            throw down();
        }

        @Override
        public long version() {
            throw down();
        }
    }
}
