package org.contactsync.jaxrs.directory;

import java.net.URI;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.directory.DirectoryPage;
import org.contactsync.directory.DirectoryPages;
import org.contactsync.directory.DirectorySnapshot;
import org.contactsync.jaxrs.support.ClientUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cisco IP phone directory at {@code /directory} (relative to where the application is mounted): the main
 * menu, keypad group pages, contact pages, search and help, as Cisco IP Phone XML objects in
 * {@code text/xml; charset=utf-8}.
 *
 * <p>Every answer is rendered from the {@link CiscoDirectory}'s in-memory snapshot: no database access per request.
 * Pages carry an ETag and Last-Modified, so a conditional GET of an unchanged page costs a 304. Errors are
 * CiscoIPPhoneText pages (400 malformed request, 404 nothing there, 503 no contacts loaded yet), never a stack
 * trace, because a phone shows nothing useful for anything else. Open to every phone: no login.
 */
@Path("directory")
public final class DirectoryResource {
    public static final MediaType TEXT_XML_UTF8 = MediaType.valueOf("text/xml; charset=utf-8");

    private static final Logger log = LoggerFactory.getLogger(DirectoryResource.class);
    private static final Pattern FORWARDED_HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");
    private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");

    private final CiscoDirectory directory;
    private final DirectorySettings settings;
    private final DirectoryPages pages;

    public DirectoryResource(CiscoDirectory directory, DirectorySettings settings) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pages = new DirectoryPages(settings.title(), settings.dialPrefix());
    }

    @GET
    public Response menu(@Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        String root = root(uri, headers);
        return respond(request, root, null, pages.mainMenu(root));
    }

    @GET
    @Path("groups/{group}")
    public Response group(@PathParam("group") String group, @QueryParam("page") String page,
                          @Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        String root = root(uri, headers);
        DirectorySnapshot snapshot = snapshotOrNull();
        return snapshot == null ? unavailable(root)
                : respond(request, root, snapshot, pages.group(snapshot, root, group, page));
    }

    @GET
    @Path("contacts/{id}")
    public Response contact(@PathParam("id") String id,
                            @Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        String root = root(uri, headers);
        DirectorySnapshot snapshot = snapshotOrNull();
        return snapshot == null ? unavailable(root)
                : respond(request, root, snapshot, pages.contact(snapshot, root, id));
    }

    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("page") String page,
                           @Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        String root = root(uri, headers);
        if (q == null) {
            return respond(request, root, null, pages.searchForm(root));
        }
        DirectorySnapshot snapshot = snapshotOrNull();
        return snapshot == null ? unavailable(root)
                : respond(request, root, snapshot, pages.search(snapshot, root, q, page));
    }

    @GET
    @Path("help")
    public Response help(@Context UriInfo uri, @Context HttpHeaders headers, @Context Request request) {
        String root = root(uri, headers);
        return respond(request, root, null, pages.help(root));
    }

    /** Anything else under /directory: a phone-readable 404 rather than the host application's error page. */
    @GET
    @Path("{rest: .+}")
    public Response unknown(@Context UriInfo uri, @Context HttpHeaders headers) {
        String root = root(uri, headers);
        return send(pages.error(404, "Not found", "This directory has no page \"" + shorten(uri.getPath())
                + "\". Start again from the main menu.", root));
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

    private Response unavailable(String root) {
        return Response.status(503).type(TEXT_XML_UTF8).header("Retry-After", "30").cacheControl(REVALIDATE)
                .entity(pages.error(503, "Unavailable", "The contacts cannot be loaded right now. Try again in a "
                        + "minute; if it persists, tell the administrator.", root).xml())
                .build();
    }

    /**
     * Sends a page, or 304 when the client's ETag or date still matches. Pages that depend on the contacts are
     * validated by the snapshot's content fingerprint and time; the rest (menu, form, help) only by the settings
     * and URL.
     */
    private Response respond(Request request, String root, DirectorySnapshot snapshot, DirectoryPage page) {
        if (!page.ok()) {
            return send(page);
        }
        String content = snapshot == null ? "static" : snapshot.fingerprint();
        EntityTag etag = new EntityTag(content + "-" + Integer.toHexString(
                Objects.hash(root, settings.title(), settings.dialPrefix())));
        Date lastModified = snapshot == null ? null : Date.from(snapshot.lastModified());
        Response.ResponseBuilder notModified = lastModified == null
                ? request.evaluatePreconditions(etag)
                : request.evaluatePreconditions(lastModified, etag);
        if (notModified != null) {
            return notModified.cacheControl(REVALIDATE).build();
        }
        Response.ResponseBuilder ok = Response.ok(page.xml(), TEXT_XML_UTF8).tag(etag).cacheControl(REVALIDATE);
        if (lastModified != null) {
            ok.lastModified(lastModified);
        }
        return ok.build();
    }

    private static Response send(DirectoryPage page) {
        return Response.status(page.status()).type(TEXT_XML_UTF8).cacheControl(REVALIDATE).entity(page.xml())
                .build();
    }

    /**
     * The absolute URL of the main menu, without a trailing slash: from the configured public base URL, else from
     * the request, with the proxy's X-Forwarded-Proto/-Host only when configured to trust them.
     */
    String root(UriInfo uri, HttpHeaders headers) {
        return new ClientUrl(settings.publicBaseUrl(), settings.trustProxy()).base(uri.getBaseUri(),
                headers.getHeaderString("X-Forwarded-Proto"), headers.getHeaderString("X-Forwarded-Host")) + "directory";
    }

    /** Host and port only: never user info, which has no place in links handed to phones. */
    private static String hostAndPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The first of a comma-separated list (the client-most proxy), or null. */
    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String v = (comma < 0 ? header : header.substring(0, comma)).strip();
        return v.isEmpty() ? null : v;
    }

    private static String withoutPort(String authority) {
        int colon = authority.lastIndexOf(':');
        int bracket = authority.lastIndexOf(']');
        return colon > bracket ? authority.substring(0, colon) : authority;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
