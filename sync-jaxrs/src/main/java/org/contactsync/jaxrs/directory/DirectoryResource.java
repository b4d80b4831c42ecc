package org.contactsync.jaxrs.directory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.contactsync.directory.CallerIdLookup;
import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.CiscoModel;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectoryPage;
import org.contactsync.directory.DirectoryPages;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.directory.PhoneCharset;
import org.contactsync.directory.Transliteration;
import org.contactsync.directory.browse.BrowsePages;
import org.contactsync.directory.browse.SnomBrowser;
import org.contactsync.directory.browse.YealinkBrowser;
import org.contactsync.directory.phonebook.PhonebookFormat;
import org.contactsync.directory.phonebook.PhonebookFormats;
import org.contactsync.directory.phonebook.PhonebookParts;
import org.glassfish.jersey.server.ContainerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone directory at {@code /directory} (relative to where the application is mounted): the Cisco IP Phone
 * XML pages (main menu, keypad groups, favourites, labels, contacts, search, help; also under
 * {@code /directory/cisco/...}), the downloadable phonebook of each other vendor at
 * {@code /directory/<vendor>/<file>}, and the caller-ID look-up at {@code /directory/lookup?number=...}.
 *
 * <p>Every answer comes from the {@link CiscoDirectory}'s in-memory snapshot: no database access per request.
 * Pages that depend only on the snapshot are rendered once per snapshot, base URL, charset and phone model and
 * then served as stored bytes; a host can answer those before Jersey through {@link #storedPages()} (the web
 * application's servlet filter does). Pages carry an ETag and Last-Modified, so a conditional GET of an unchanged
 * page costs a 304. Cisco pages are answered in the charset the phone accepts ({@link PhoneCharset}) and shaped for
 * its model ({@link CiscoModel}). Errors are CiscoIPPhoneText pages (400 malformed request, 403 not allowed,
 * 404 nothing there, 503 no contacts loaded yet), never a stack trace. No login: phones cannot send one; access
 * can be limited by network or device name ({@link org.contactsync.directory.PhoneAccess}).
 */
@Path("directory")
public final class DirectoryResource {
    public static final MediaType TEXT_XML_UTF8 = MediaType.valueOf("text/xml; charset=utf-8");
    /** Request property the host sets to the client's IP address (the servlet's remote address). */
    public static final String REMOTE_ADDRESS_PROPERTY = "org.contactsync.remote-address";

    private static final Logger log = LoggerFactory.getLogger(DirectoryResource.class);
    private static final CacheControl REVALIDATE = CacheControl.valueOf(StoredAnswer.REVALIDATE);
    private static final Map<String, String> CISCO_VARY = Map.of(HttpHeaders.VARY,
            "Accept-Charset, " + PhoneRequestRules.MODEL_HEADER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CiscoDirectory directory;
    private final DirectorySettings settings;
    private final DirectoryPages pages;
    private final DialRules dialRules;
    private final CallerIdLookup lookup;
    private final PhonebookFormats formats = PhonebookFormats.standard();
    private final RenderedCache cache = new RenderedCache();
    private final PhoneRequestRules rules;
    private final StoredPages stored;
    private final Transliteration transliteration = new Transliteration();
    private final String settingsTag;
    private final Map<String, BrowsePages> browsers;

    public DirectoryResource(CiscoDirectory directory, DirectorySettings settings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dialRules = settings.dialRules(directory.options().region());
        this.pages = new DirectoryPages(settings.title(), dialRules);
        this.lookup = new CallerIdLookup(dialRules);
        this.settingsTag = Integer.toHexString(Objects.hash(settings.title(), dialRules));
        this.rules = new PhoneRequestRules(settings);
        this.stored = new StoredPages(directory, rules, cache);
        this.browsers = Map.of("yealink", new BrowsePages(new YealinkBrowser(), dialRules, settings.title()),
                "snom", new BrowsePages(new SnomBrowser(), dialRules, settings.title()));
    }

    /**
     * The pages this resource rendered and stored, for a host that serves them before Jersey (the web
     * application's servlet filter): the same bytes, headers and rules, without Jersey's request processing.
     */
    public StoredPages storedPages() {
        return stored;
    }

    /** {@code /directory/cisco/...}: the same Cisco pages under the vendor's own path. */
    @Path("cisco")
    public DirectoryResource cisco() {
        return this;
    }

    @GET
    public Response menu(@Context UriInfo uri, @Context ContainerRequest request) {
        return cisco(uri, request, true, true, (s, p, root) -> s == null ? p.mainMenu(root) : p.mainMenu(s, root));
    }

    @GET
    @Path("groups/{group}")
    public Response group(@PathParam("group") String group, @QueryParam("page") String page,
                          @Context UriInfo uri, @Context ContainerRequest request) {
        return cisco(uri, request, false, true, (s, p, root) -> p.group(s, root, group, page));
    }

    @GET
    @Path("favourites")
    public Response favourites(@QueryParam("page") String page, @Context UriInfo uri,
                               @Context ContainerRequest request) {
        return cisco(uri, request, false, true, (s, p, root) -> p.favourites(s, root, page));
    }

    @GET
    @Path("labels")
    public Response labels(@QueryParam("id") String id, @QueryParam("page") String page, @Context UriInfo uri,
                           @Context ContainerRequest request) {
        return cisco(uri, request, false, true, (s, p, root) -> p.labels(s, root, id, page));
    }

    @GET
    @Path("contacts/{id}")
    public Response contact(@PathParam("id") String id, @Context UriInfo uri, @Context ContainerRequest request) {
        return cisco(uri, request, false, true, (s, p, root) -> p.contact(s, root, id));
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("page") String page,
                           @Context UriInfo uri, @Context ContainerRequest request) {
        if (q == null) {
            return cisco(uri, request, true, true, (s, p, root) -> p.searchForm(root));
        }
        return cisco(uri, request, false, false, (s, p, root) -> p.search(s, root, q, page));
    }

    @GET
    @Path("help")
    public Response help(@Context UriInfo uri, @Context ContainerRequest request) {
        return cisco(uri, request, true, true, (s, p, root) -> p.help(root));
    }

    /**
     * {@code GET /directory/<vendor>/<file>?part=N}: a vendor's downloadable phonebook (always UTF-8, as the
     * formats document). {@code X-Phonebook-Parts} says how many parts there are.
     */
    @GET
    @Path("{vendor: yealink|grandstream|snom|polycom|fanvil}/{file}")
    public Response phonebook(@PathParam("vendor") String vendor, @PathParam("file") String file,
                              @QueryParam("part") String partParam, @Context UriInfo uri,
                              @Context ContainerRequest request) {
        PhoneRequest phone = phoneRequest(uri, request);
        if (!rules.allowed(phone)) {
            return plain(403, "This phone directory is limited to the phones of this site; ask the administrator "
                    + "to allow this address.");
        }
        PhonebookFormat format = formats.vendor(vendor).orElseThrow();
        if (!format.fileName().equals(file)) {
            return plain(404, "The " + vendor + " phonebook is at /directory/" + vendor + "/" + format.fileName()
                    + "; there is no file \"" + shorten(file) + "\".");
        }
        DirectorySnapshot snapshot = snapshotOrNull();
        if (snapshot == null) {
            return plain(503, "The contacts cannot be loaded right now. Try again in a minute.");
        }
        int parts = PhonebookParts.count(snapshot, format);
        Integer part = partParam == null || partParam.isBlank() ? Integer.valueOf(1) : parsePart(partParam);
        if (part == null || part > parts) {
            return plain(part == null ? 400 : 404, "\"" + shorten(partParam) + "\" is not a part of this phonebook: "
                    + "it has " + parts + " part" + (parts == 1 ? "" : "s") + ", numbered from 1.");
        }
        int n = part;
        RenderedCache.Rendered r = cache.get(snapshot.fingerprint(), rules.pageKey(phone),
                () -> new RenderedCache.Rendered(200,
                        format.render(snapshot, dialRules, settings.title(), n).getBytes(StandardCharsets.UTF_8),
                        "text/xml; charset=utf-8", snapshot.fingerprint() + "-" + settingsTag + "-" + vendor + n,
                        snapshot.lastModified(), Map.of("X-Phonebook-Parts", String.valueOf(parts))));
        return send(r.answer(request::getHeaderString));
    }

    /**
     * {@code GET /directory/lookup?number=...}: the caller's name for a PBX, as text/plain (or JSON with
     * {@code Accept: application/json}); 404 with an empty body when the number is unknown.
     */
    @GET
    @Path("lookup")
    public Response lookup(@QueryParam("number") String number, @Context UriInfo uri,
                           @Context ContainerRequest request) {
        if (!rules.allowed(phoneRequest(uri, request))) {
            return plain(403, "Caller-ID look-up is limited to this site's systems; ask the administrator to "
                    + "allow this address.");
        }
        boolean json = request.getAcceptableMediaTypes().stream()
                .anyMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
        if (number == null || number.isBlank() || number.length() > CallerIdLookup.MAX_LENGTH) {
            String message = "Give the caller's number as ?number=..., at most " + CallerIdLookup.MAX_LENGTH
                    + " characters.";
            return json ? json(400, Map.of("detail", message)) : plain(400, message);
        }
        DirectorySnapshot snapshot = snapshotOrNull();
        if (snapshot == null) {
            return plain(503, "The contacts cannot be loaded right now. Try again in a minute.");
        }
        Optional<DirectoryContact> hit = lookup.find(snapshot, number);
        if (hit.isEmpty()) {
            return Response.status(404).cacheControl(REVALIDATE).build();
        }
        DirectoryContact c = hit.get();
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", c.name());
            body.put("organization", c.organization());
            body.put("id", c.id());
            return json(200, body);
        }
        return Response.ok(c.name(), MediaType.valueOf("text/plain; charset=utf-8")).cacheControl(REVALIDATE)
                .build();
    }

    /** Anything else under /directory: a phone-readable 404 rather than the host application's error page. */
    @GET
    @Path("{rest: .+}")
    public Response unknown(@Context UriInfo uri, @Context ContainerRequest request) {
        String root = rules.root(phoneRequest(uri, request));
        return send(pages.error(404, "Not found", "This directory has no page \"" + shorten(uri.getPath())
                + "\". Start again from the main menu.", root), StandardCharsets.UTF_8);
    }

    /** The vendors' phonebook files as {@code vendor → [URL of part 1, …]}, for the page's Phones section. */
    Map<String, List<String>> phonebookUrls(UriInfo uri, HttpHeaders headers) {
        String root = rules.root(new PhoneRequest(uri.getBaseUri(), uri.getPath(false), null,
                headers::getHeaderString, null));
        DirectorySnapshot snapshot = snapshotOrNull();
        Map<String, List<String>> urls = new LinkedHashMap<>();
        urls.put("cisco", List.of(root));
        urls.put("yealink-browse", List.of(root + "/yealink/browse"));
        urls.put("snom-browse", List.of(root + "/snom/browse"));
        for (PhonebookFormat f : formats.all()) {
            int parts = snapshot == null ? 1 : PhonebookParts.count(snapshot, f);
            String base = root + "/" + f.vendor() + "/" + f.fileName();
            urls.put(f.vendor(), java.util.stream.IntStream.rangeClosed(1, parts)
                    .mapToObj(i -> i == 1 ? base : base + "?part=" + i).toList());
        }
        return urls;
    }

    @FunctionalInterface
    private interface CiscoPage {
        DirectoryPage render(DirectorySnapshot snapshot, DirectoryPages pages, String root);
    }

    /**
     * Answers a Cisco page: access check, model and charset from the headers, the stored bytes of this page
     * (rendered on first use for this snapshot), 304 when the phone's copy is current. {@code optional}: the page
     * can be rendered without contacts (menu, form, help), so it is served even before the first snapshot.
     * {@code cacheable}: false for searches, which the index answers and whose texts are endless.
     */
    private Response cisco(UriInfo uri, ContainerRequest request, boolean optional, boolean cacheable,
                           CiscoPage page) {
        PhoneRequest phone = phoneRequest(uri, request);
        String root = rules.root(phone);
        Charset charset = rules.charset(phone);
        if (!rules.allowed(phone)) {
            return send(pages.error(403, "Not allowed", "This phone directory is limited to the phones of this "
                    + "site. Ask the administrator to allow this phone.", root), charset);
        }
        CiscoModel model = rules.model(phone);
        DirectoryPages forModel = pages.forModel(model);
        DirectorySnapshot snapshot = snapshotOrNull();
        if (snapshot == null && !optional) {
            return unavailable(root, charset);
        }
        return answer(phone, root, snapshot, cacheable, charset, model.family(), CISCO_VARY,
                () -> page.render(snapshot, forModel, root));
    }

    /**
     * The stored bytes of a page (rendered on first use for this snapshot, base URL, charset and variant) or a
     * fresh rendering when not cacheable; 304 when the client's copy is current; error pages as they are.
     */
    private Response answer(PhoneRequest phone, String root, DirectorySnapshot snapshot, boolean cacheable,
                            Charset charset, String variant, Map<String, String> headers,
                            Supplier<DirectoryPage> page) {
        String etag = (snapshot == null ? "static" : snapshot.fingerprint()) + "-" + settingsTag + "-"
                + Integer.toHexString(Objects.hash(root, charset.name(), variant));
        Function<DirectoryPage, RenderedCache.Rendered> toBytes = p -> new RenderedCache.Rendered(p.status(),
                PhoneCharset.encode(p.xml(), charset, transliteration),
                "text/xml; charset=" + charset.name().toLowerCase(Locale.ROOT), etag,
                snapshot == null ? null : snapshot.lastModified(), headers);
        RenderedCache.Rendered r;
        if (snapshot == null || !cacheable) {
            r = toBytes.apply(page.get()); // searches use the index, not the cache
        } else {
            r = cache.get(snapshot.fingerprint(), rules.pageKey(phone), () -> toBytes.apply(page.get()));
        }
        return send(r.answer(phone::header));
    }

    /** A browsing page for a Yealink or Snom phone (always UTF-8, which their XML browsers take). */
    private Response browse(String vendor, UriInfo uri, ContainerRequest request, boolean cacheable,
                            BrowsePage page) {
        BrowsePages pagesOf = browsers.get(vendor);
        PhoneRequest phone = phoneRequest(uri, request);
        String directoryRoot = rules.root(phone);
        String root = directoryRoot + "/" + vendor + "/browse";
        if (!rules.allowed(phone)) {
            return send(pagesOf.error(403, "Not allowed", "This phone directory is limited to the phones of this "
                    + "site. Ask the administrator to allow this phone.", root), StandardCharsets.UTF_8);
        }
        DirectorySnapshot snapshot = snapshotOrNull();
        if (snapshot == null) {
            return send(pagesOf.error(503, "Unavailable", "The contacts cannot be loaded right now. Try again in "
                    + "a minute.", root), StandardCharsets.UTF_8);
        }
        return answer(phone, directoryRoot, snapshot, cacheable, StandardCharsets.UTF_8, vendor, Map.of(),
                () -> page.render(snapshot, pagesOf, root));
    }

    @FunctionalInterface
    private interface BrowsePage {
        DirectoryPage render(DirectorySnapshot snapshot, BrowsePages pages, String root);
    }

    private static final String BROWSERS = "{vendor: yealink|snom}/browse";

    @GET
    @Path(BROWSERS)
    public Response browseMenu(@PathParam("vendor") String vendor, @Context UriInfo uri,
                               @Context ContainerRequest request) {
        return browse(vendor, uri, request, true, (s, p, root) -> p.menu(s, root));
    }

    @GET
    @Path(BROWSERS + "/groups/{group}")
    public Response browseGroup(@PathParam("vendor") String vendor, @PathParam("group") String group,
                                @QueryParam("page") String page, @Context UriInfo uri,
                                @Context ContainerRequest request) {
        return browse(vendor, uri, request, true, (s, p, root) -> p.group(s, root, group, page));
    }

    @GET
    @Path(BROWSERS + "/favourites")
    public Response browseFavourites(@PathParam("vendor") String vendor, @QueryParam("page") String page,
                                     @Context UriInfo uri, @Context ContainerRequest request) {
        return browse(vendor, uri, request, true, (s, p, root) -> p.favourites(s, root, page));
    }

    @GET
    @Path(BROWSERS + "/search")
    public Response browseSearch(@PathParam("vendor") String vendor, @QueryParam("q") String q,
                                 @QueryParam("page") String page, @Context UriInfo uri,
                                 @Context ContainerRequest request) {
        return browse(vendor, uri, request, q == null, (s, p, root) -> p.search(s, root, q, page));
    }

    @GET
    @Path(BROWSERS + "/contacts/{id}")
    public Response browseContact(@PathParam("vendor") String vendor, @PathParam("id") String id,
                                  @Context UriInfo uri, @Context ContainerRequest request) {
        return browse(vendor, uri, request, true, (s, p, root) -> p.contact(s, root, id));
    }

    /** The request as the directory's rules read it (the host set the client's address as a property). */
    private static PhoneRequest phoneRequest(UriInfo uri, ContainerRequest request) {
        Object remote = request.getProperty(REMOTE_ADDRESS_PROPERTY);
        return new PhoneRequest(uri.getBaseUri(), uri.getPath(false), uri.getRequestUri().getRawQuery(),
                request::getHeaderString, remote == null ? null : remote.toString());
    }

    /** An answer of the stored-page rule as Jersey sends it (the servlet filter sends the same one itself). */
    private static Response send(StoredAnswer answer) {
        Response.ResponseBuilder b = Response.status(answer.status());
        answer.headers().forEach(b::header);
        return (answer.body().length == 0 ? b : b.entity(answer.body())).build();
    }

    private static Integer parsePart(String p) {
        String s = p.strip();
        if (!s.matches("\\d{1,6}")) {
            return null;
        }
        int n = Integer.parseInt(s);
        return n < 1 ? null : n;
    }

    private DirectorySnapshot snapshotOrNull() {
        try {
            return directory.snapshot();
        } catch (RuntimeException e) {
            // Only before the first snapshot was ever read (later failures keep serving the last one).
            log.warn("Phone directory not available: the contact store could not be read: {}", e.toString());
            return null;
        }
    }

    private Response unavailable(String root, Charset charset) {
        return Response.status(503).type("text/xml; charset=" + charset.name().toLowerCase(Locale.ROOT)).header("Retry-After", "30")
                .cacheControl(REVALIDATE)
                .entity(PhoneCharset.encode(pages.error(503, "Unavailable", "The contacts cannot be loaded right "
                        + "now. Try again in a minute; if it persists, tell the administrator.", root).xml(),
                        charset, transliteration))
                .build();
    }

    private Response send(DirectoryPage page, Charset charset) {
        return Response.status(page.status()).type("text/xml; charset=" + charset.name().toLowerCase(Locale.ROOT)).cacheControl(REVALIDATE)
                .entity(PhoneCharset.encode(page.xml(), charset, transliteration)).build();
    }

    private static Response plain(int status, String message) {
        return Response.status(status).type("text/plain; charset=utf-8").cacheControl(REVALIDATE).entity(message)
                .build();
    }

    private static Response json(int status, Map<String, Object> body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                    .cacheControl(REVALIDATE).entity(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
