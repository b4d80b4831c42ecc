package org.contactsync.jaxrs.directory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One answer of the phone directory as the host sends it: status, headers and body bytes (empty for 304 and
 * 412). Built from a rendered page and the request's conditional headers by the one rule both ways of serving use
 * (Jersey's {@link DirectoryResource} and a servlet filter through {@link StoredPages}), so a phone gets the same
 * bytes and headers whichever answered.
 *
 * @param status  the HTTP status
 * @param body    the bytes to send, with {@code Content-Length} their length
 * @param headers header name to value (Content-Type, ETag, Last-Modified, Cache-Control, Vary...)
 */
public record StoredAnswer(int status, byte[] body, Map<String, String> headers) {
    static final String REVALIDATE = "no-cache";
    private static final byte[] NONE = new byte[0];
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    public StoredAnswer {
        headers = Map.copyOf(headers);
    }

    /**
     * The answer to a request for {@code page}: error pages as they are; otherwise by RFC 9110's order of
     * preconditions: 412 when If-Match (or, without it, If-Unmodified-Since) fails, 304 when If-None-Match names
     * the page's ETag (or, without it, If-Modified-Since is not older than the snapshot), else the page.
     */
    static StoredAnswer of(RenderedCache.Rendered page, UnaryOperator<String> requestHeader) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", REVALIDATE);
        h.putAll(page.headers());
        if (page.status() != 200) {
            h.put("Content-Type", page.contentType());
            return new StoredAnswer(page.status(), page.body(), h);
        }
        String etag = '"' + page.etag() + '"';
        h.put("ETag", etag);
        Instant modified = page.lastModified() == null ? null : page.lastModified().truncatedTo(ChronoUnit.SECONDS);
        String ifMatch = requestHeader.apply("If-Match");
        if (ifMatch != null ? !matches(ifMatch, etag, false)
                : isAfter(modified, requestHeader.apply("If-Unmodified-Since"))) {
            return new StoredAnswer(412, NONE, h);
        }
        String ifNoneMatch = requestHeader.apply("If-None-Match");
        if (ifNoneMatch != null ? matches(ifNoneMatch, etag, true)
                : notAfter(modified, requestHeader.apply("If-Modified-Since"))) {
            return new StoredAnswer(304, NONE, h);
        }
        h.put("Content-Type", page.contentType());
        if (modified != null) {
            h.put("Last-Modified", HTTP_DATE.format(modified));
        }
        return new StoredAnswer(200, page.body(), h);
    }

    /** Whether a list of entity tags (or "*") names {@code etag}; weak comparison ignores the W/ prefix. */
    private static boolean matches(String list, String etag, boolean weak) {
        for (String part : list.split(",")) {
            String tag = part.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (weak && tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The page changed after the date (an unreadable date, or no snapshot date: false, the header is ignored). */
    private static boolean isAfter(Instant modified, String httpDate) {
        Instant date = parse(httpDate);
        return modified != null && date != null && modified.isAfter(date);
    }

    /** The page did not change after the date (an unreadable date, or no snapshot date: false). */
    private static boolean notAfter(Instant modified, String httpDate) {
        Instant date = parse(httpDate);
        return modified != null && date != null && !modified.isAfter(date);
    }

    private static Instant parse(String httpDate) {
        if (httpDate == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(httpDate.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
