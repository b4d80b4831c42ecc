package org.contactsync.carddav;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.contactsync.sync.SyncSourceException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The few WebDAV/CardDAV requests the engine needs (PROPFIND, REPORT sync-collection, REPORT addressbook-multiget),
 * over {@link HttpClient} with Basic auth, and their 207 Multi-Status answers read with a namespace-aware XML
 * parser. HTTP trouble becomes a {@link SyncSourceException} with a sentence; the raw answer goes to the detail.
 */
final class DavClient {
    static final String DAV = "DAV:";
    static final String CARDDAV = "urn:ietf:params:xml:ns:carddav";

    /** One {@code <response>}: its href (decoded path), status, ETag and address data, whichever were sent. */
    record Response(String href, int status, String etag, String addressData, boolean collection) {
    }

    /** A 207 answer: its responses and the collection's sync-token (sync-collection only). */
    record Multistatus(List<Response> responses, String syncToken) {
    }

    /**
     * A request the server answered with a 4xx status other than 401/404. The engine decides what some mean (an
     * expired sync token, no sync-collection); any other reaches the person as this sentence.
     */
    static final class DavStatusException extends SyncSourceException {
        final int status;
        final String body;

        DavStatusException(URI addressBook, String request, int status, String body) {
            super("The CardDAV server refused to read " + addressBook + " (HTTP " + status + ")."
                    + (status == 403 ? " The user may not read this address book: check its sharing." : "")
                    + " Check the address book URL and run the sync again.",
                    request + ": HTTP " + status + ": " + body, null);
            this.status = status;
            this.body = body;
        }
    }

    private final CardDavSettings settings;
    private final HttpClient http;
    private final String authorization;

    DavClient(CardDavSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1) // WebDAV servers speak HTTP/1.1; no h2c upgrade attempts
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.authorization = settings.user() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (settings.user() + ":" + (settings.password() == null ? "" : settings.password()))
                        .getBytes(StandardCharsets.UTF_8));
    }

    URI addressBook() {
        return settings.addressBook();
    }

    Multistatus propfind(URI url, int depth, String body) {
        return multistatus(send("PROPFIND", url, String.valueOf(depth), body));
    }

    Multistatus report(URI url, int depth, String body) {
        return multistatus(send("REPORT", url, String.valueOf(depth), body));
    }

    private byte[] send(String method, URI url, String depth, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(settings.readTimeout())
                .header("Depth", depth)
                .header("Content-Type", "application/xml; charset=utf-8")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = sendReadOnly(b.build());
        } catch (IOException e) {
            // UserMessages turns connection refused, unknown host, timeouts and TLS failures into sentences.
            throw new SyncSourceException(unreachable(e), method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncSourceException("The sync was stopped while waiting for the CardDAV server.", e);
        }
        int status = response.statusCode();
        if (status == 401) {
            throw new SyncSourceException("The CardDAV server refused the user name or password for "
                    + settings.addressBook() + ". Check them (Nextcloud and iCloud need an app password) and run"
                    + " the sync again.", method + " " + url + ": HTTP 401", null);
        }
        if (status == 404) {
            throw new SyncSourceException("The CardDAV address book " + settings.addressBook() + " does not exist."
                    + " Check its URL (see docs/sources.md for the URL forms of common servers) and run the sync"
                    + " again.", method + " " + url + ": HTTP 404", null);
        }
        if (status >= 500) {
            throw new SyncSourceException("The CardDAV server failed (HTTP " + status + ") while reading "
                    + settings.addressBook() + ". Run the sync again later.", method + " " + url + ": HTTP "
                    + status + ": " + snippet(response.body()), null);
        }
        if (status < 200 || status >= 300) {
            throw new DavStatusException(settings.addressBook(), method + " " + url, status, snippet(response.body()));
        }
        return response.body();
    }

    /**
     * PROPFIND and REPORT only read, so one that fails on a pooled connection the server had already closed (an
     * answer of no bytes at all) is sent once more on a fresh one; a timeout is not repeated.
     */
    private HttpResponse<byte[]> sendReadOnly(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            if (e instanceof java.net.ConnectException) {
                throw e;
            }
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private String unreachable(IOException e) {
        String host = settings.addressBook().getHost();
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "The CardDAV server " + host + " did not answer in time. Run the sync again later; if it keeps"
                    + " failing, check the network.";
        }
        if (e instanceof java.net.ConnectException) {
            return "Could not reach the CardDAV server " + host + ": connection refused. Check its address and"
                    + " the network, then run the sync again.";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "Could not connect securely to the CardDAV server " + host + " (TLS failed). Check the server's"
                    + " certificate, then run the sync again.";
        }
        return "The connection to the CardDAV server " + host + " failed. Check the network and run the sync"
                + " again.";
    }

    private Multistatus multistatus(byte[] body) {
        Document doc = parse(body);
        Element root = doc.getDocumentElement();
        if (!DAV.equals(root.getNamespaceURI()) || !"multistatus".equals(root.getLocalName())) {
            throw unreadable("the answer is not a DAV multistatus but <" + root.getNodeName() + ">", body);
        }
        List<Response> responses = new ArrayList<>();
        String syncToken = null;
        for (Element child : children(root)) {
            if (!DAV.equals(child.getNamespaceURI())) {
                continue;
            }
            if ("sync-token".equals(child.getLocalName())) {
                syncToken = child.getTextContent().strip();
            } else if ("response".equals(child.getLocalName())) {
                responses.add(response(child));
            }
        }
        return new Multistatus(responses, syncToken);
    }

    private Response response(Element r) {
        String href = null;
        int status = 0;
        String etag = null;
        String data = null;
        boolean collection = false;
        for (Element c : children(r)) {
            if (!DAV.equals(c.getNamespaceURI())) {
                continue;
            }
            switch (c.getLocalName()) {
                case "href" -> href = path(c.getTextContent().strip());
                case "status" -> status = status(c.getTextContent());
                case "propstat" -> {
                    int propStatus = 0;
                    Element prop = null;
                    for (Element p : children(c)) {
                        if ("status".equals(p.getLocalName())) {
                            propStatus = status(p.getTextContent());
                        } else if ("prop".equals(p.getLocalName())) {
                            prop = p;
                        }
                    }
                    if (prop != null && propStatus / 100 == 2) {
                        status = status == 0 ? propStatus : status;
                        for (Element p : children(prop)) {
                            String ns = p.getNamespaceURI();
                            String name = p.getLocalName();
                            if (DAV.equals(ns) && "getetag".equals(name)) {
                                etag = p.getTextContent().strip();
                            } else if (CARDDAV.equals(ns) && "address-data".equals(name)) {
                                data = p.getTextContent();
                            } else if (DAV.equals(ns) && "resourcetype".equals(name)) {
                                collection = !children(p).isEmpty();
                            }
                        }
                    } else if (status == 0) {
                        status = propStatus;
                    }
                }
                default -> { }
            }
        }
        if (href == null) {
            throw unreadable("a response without href", new byte[0]);
        }
        return new Response(href, status, etag, data, collection);
    }

    /** Whether the collection's PROPFIND answer lists sync-collection among its supported reports. */
    boolean supportsSyncCollection(String propfindBody) {
        byte[] body = send("PROPFIND", settings.addressBook(), "0", propfindBody);
        Document doc = parse(body);
        for (Element e : elements(doc, DAV, "supported-report")) {
            if (!elements(e, DAV, "sync-collection").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The path of an href, percent-decoded, so one resource has one id whatever the server's escaping. */
    String path(String href) {
        URI u = settings.addressBook().resolve(href.replace(" ", "%20"));
        String raw = u.getRawPath();
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL of a resource path, for a multiget href (escaped again). */
    static String hrefOf(String path) {
        StringBuilder sb = new StringBuilder();
        for (String seg : path.split("/", -1)) {
            if (sb.length() > 0 || path.startsWith("/")) {
                sb.append('/');
            }
            sb.append(java.net.URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        String s = sb.toString();
        return s.startsWith("//") ? s.substring(1) : s;
    }

    private static int status(String line) {
        // "HTTP/1.1 200 OK"
        String[] parts = line.strip().split(" ");
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Document parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // No DTDs, no external entities: the answer comes from a server on the network.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured securely", e);
        } catch (SAXException | IOException e) {
            throw unreadable("the answer is not well-formed XML: " + e.getMessage(), body);
        }
    }

    private SyncSourceException unreadable(String what, byte[] body) {
        return new SyncSourceException("The CardDAV server sent an answer that could not be read while reading "
                + settings.addressBook() + ". Check that the URL is the address book itself and run the sync again.",
                what + "; answer: " + snippet(body), null);
    }

    static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ").strip();
    }

    static List<Element> children(Node n) {
        List<Element> list = new ArrayList<>();
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static List<Element> elements(Node n, String ns, String local) {
        NodeList nl = n instanceof Document d ? d.getElementsByTagNameNS(ns, local)
                : ((Element) n).getElementsByTagNameNS(ns, local);
        List<Element> list = new ArrayList<>(nl.getLength());
        for (int i = 0; i < nl.getLength(); i++) {
            list.add((Element) nl.item(i));
        }
        return list;
    }

    static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static boolean mentions(String body, String what) {
        return body != null && body.toLowerCase(Locale.ROOT).contains(what);
    }
}
