package org.contactsync.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.webapp.config.ContactSyncConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR's phone directory with {@link StoredPagesFilter} in front of Jersey: a page the directory rendered once
 * is then answered from its stored bytes without reaching Jersey, with the very same bytes and headers; anything
 * not stored for this request (first visit, other charset or model, a search, a new snapshot, a refused phone)
 * goes on to Jersey. A request filter inside Jersey counts what reaches it.
 */
class StoredPagesFilterTest {
    private static final List<String> SAME_HEADERS = List.of("content-type", "content-length", "etag",
            "last-modified", "cache-control", "vary");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger reachedJersey = new AtomicInteger();
    private EmbeddedApp app;

    /** Counts the directory requests Jersey itself handles. */
    private final ContainerRequestFilter jerseyWitness = (ContainerRequestContext request) -> {
        if (request.getUriInfo().getPath().startsWith("directory")) {
            reachedJersey.incrementAndGet();
        }
    };

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private void start(Map<String, String> settings) throws Exception {
        start("/", settings);
    }

    private void start(String contextPath, Map<String, String> settings) throws Exception {
        app = EmbeddedApp.start(contextPath, dataDir, settings, b -> b.component(jerseyWitness));
        write(Contact.builder("anna").displayName("Anna Smith").phone("+1 555 010 2000", PhoneType.WORK).build(),
                Contact.builder("bob").displayName("Bob Jones").phone("+1 555 010 3000", PhoneType.MOBILE).build());
    }

    private void write(Contact... contacts) {
        app.application().database().contactStore().write(List.of(contacts), List.of());
        app.application().directory().refresh();
    }

    private long id(String sourceId) {
        return app.application().database().contactStore().findBySourceId(sourceId).orElseThrow().id();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.uri(path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.ISO_8859_1);
    }

    private static Map<String, List<String>> sameHeaders(HttpHeaders headers) {
        Map<String, List<String>> all = new java.util.TreeMap<>();
        headers.map().forEach((k, v) -> {
            if (SAME_HEADERS.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                all.put(k.toLowerCase(java.util.Locale.ROOT), v);
            }
        });
        return all;
    }

    @Test
    void aPageRenderedOnceIsThenAnsweredFromItsStoredBytesWithTheSameHeaders() throws Exception {
        start(Map.of());
        String group = "/directory/groups/2ABC";

        HttpResponse<byte[]> rendered = get(group);
        int afterFirst = reachedJersey.get();
        HttpResponse<byte[]> stored = get(group);

        assertThat(rendered.statusCode()).isEqualTo(200);
        assertThat(text(rendered)).contains("Anna Smith", "Bob Jones");
        assertThat(afterFirst).isEqualTo(1);
        assertThat(reachedJersey.get()).as("the second request never reached Jersey").isEqualTo(1);
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo(rendered.body());
        assertThat(sameHeaders(stored.headers())).isEqualTo(sameHeaders(rendered.headers()))
                .containsKeys(SAME_HEADERS.toArray(String[]::new));
        assertThat(stored.headers().firstValue("Content-Length")).hasValue(String.valueOf(rendered.body().length));
    }

    @Test
    void underAContextPathTheStoredPageIsFoundAndKeepsItsLinks() throws Exception {
        start("/contactsync", Map.of());

        HttpResponse<byte[]> rendered = get("directory/groups/2ABC");
        HttpResponse<byte[]> stored = get("directory/groups/2ABC");

        assertThat(text(rendered)).contains(app.baseUri() + "directory/contacts/" + id("anna"));
        assertThat(stored.body()).isEqualTo(rendered.body());
        assertThat(reachedJersey.get()).isEqualTo(1);
    }

    @Test
    void aPhoneWithACurrentCopyGets304FromTheStoredPage() throws Exception {
        start(Map.of());
        String contact = "/directory/contacts/" + id("anna");
        HttpResponse<byte[]> first = get(contact);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byTag = get(contact, "If-None-Match", etag);
        HttpResponse<byte[]> byDate = get(contact, "If-Modified-Since", lastModified);
        HttpResponse<byte[]> otherTag = get(contact, "If-None-Match", "\"something-else\"");

        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.headers().firstValue("ETag")).hasValue(etag);
        assertThat(byDate.statusCode()).isEqualTo(304);
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(first.body());
        assertThat(reachedJersey.get()).isEqualTo(1);
    }

    @Test
    void eachCharsetAndPhoneModelHasAStoredPageOfItsOwn() throws Exception {
        start(Map.of());
        write(Contact.builder("zoe").displayName("Zoë Ångström").phone("+1 555 010 4000", PhoneType.HOME).build());
        get("/directory/groups/9WXYZ");

        HttpResponse<byte[]> latin1 = get("/directory/groups/9WXYZ", "Accept-Charset", "iso-8859-1");
        HttpResponse<byte[]> latin1Again = get("/directory/groups/9WXYZ", "Accept-Charset", "iso-8859-1");
        HttpResponse<byte[]> small = get("/directory", "x-CiscoIPPhoneModelName", "CP-7905");
        HttpResponse<byte[]> smallAgain = get("/directory", "x-CiscoIPPhoneModelName", "CP-7905");
        HttpResponse<byte[]> standard = get("/directory");

        assertThat(latin1.headers().firstValue("Content-Type").orElseThrow())
                .isEqualToIgnoringWhitespace("text/xml; charset=iso-8859-1");
        assertThat(text(latin1)).startsWith("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        assertThat(latin1Again.body()).isEqualTo(latin1.body());
        assertThat(latin1Again.headers().firstValue("Content-Type")).isEqualTo(latin1.headers().firstValue(
                "Content-Type"));
        assertThat(smallAgain.body()).isEqualTo(small.body()).isNotEqualTo(standard.body());
        // UTF-8 group, ISO-8859-1 group, 7905 menu, standard menu: rendered once each, the repeats stored.
        assertThat(reachedJersey.get()).isEqualTo(4);
    }

    @Test
    void searchesAndTheFirstPagesOfANewSnapshotGoOnToJersey() throws Exception {
        start(Map.of());
        get("/directory/search?q=an");
        get("/directory/search?q=an");
        assertThat(reachedJersey.get()).as("searches are answered by the index, never stored").isEqualTo(2);

        get("/directory/groups/2ABC");
        write(Contact.builder("carl").displayName("Carl Berg").phone("+1 555 010 5000", PhoneType.WORK).build());
        HttpResponse<byte[]> after = get("/directory/groups/2ABC");

        assertThat(text(after)).contains("Carl Berg");
        assertThat(reachedJersey.get()).isEqualTo(4);
    }

    @Test
    void aRefusedPhoneNeverGetsTheStoredPage() throws Exception {
        start(Map.of(ContactSyncConfig.ALLOWED_DEVICES, "SEP001122334455"));
        HttpResponse<byte[]> allowed = get("/directory", "x-CiscoIPPhoneDeviceName", "SEP001122334455");

        HttpResponse<byte[]> refused = get("/directory", "x-CiscoIPPhoneDeviceName", "SEPFFFFFFFFFFFF");
        HttpResponse<byte[]> anonymous = get("/directory");
        HttpResponse<byte[]> allowedAgain = get("/directory", "x-CiscoIPPhoneDeviceName", "SEP001122334455");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(text(refused)).contains("CiscoIPPhoneText").doesNotContain("Anna");
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(allowedAgain.body()).isEqualTo(allowed.body());
        assertThat(reachedJersey.get()).as("the refusals came from Jersey, the repeat from the stored page")
                .isEqualTo(3);
    }

    @Test
    void behindATrustedProxyTheLastForwardedAddressDecidesAsInJersey() throws Exception {
        start(Map.of(ContactSyncConfig.ALLOWED_NETWORKS, "10.0.0.0/8", ContactSyncConfig.TRUST_PROXY, "true"));
        HttpResponse<byte[]> inside = get("/directory", "X-Forwarded-For", "10.0.0.5");

        // Two header lines: the proxy appended the address it saw (outside) after what the client claimed.
        HttpResponse<byte[]> outside = get("/directory", "X-Forwarded-For", "10.0.0.5",
                "X-Forwarded-For", "192.0.2.1");

        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(outside.statusCode()).isEqualTo(403);
    }

    @Test
    void storedAnswersAreCountedInTheMetricsLikeJerseysOwn() throws Exception {
        start(Map.of());
        get("/directory/help");
        get("/directory/help");
        get("/directory/help");

        String basic = "Basic " + Base64.getEncoder().encodeToString((EmbeddedApp.ADMIN_USER + ":"
                + EmbeddedApp.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String metrics = new String(get("/metrics", "Authorization", basic).body(), StandardCharsets.UTF_8);

        assertThat(reachedJersey.get()).isEqualTo(1);
        assertThat(metrics).containsPattern(
                "contactsync_directory_requests_total\\{[^}]*page=\"help\"[^}]*status=\"200\"[^}]*} 3\\.0");
    }
}
