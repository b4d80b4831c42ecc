package org.contactsync.jaxrs.directory;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Pages that depend only on the snapshot (and the base URL, charset and phone model) rendered once and kept as
 * bytes: a phone asking again costs a map look-up. The whole cache belongs to one snapshot fingerprint and is
 * dropped when a new snapshot is served. Bounded, because the base URL comes from the request (Host header):
 * past {@link #MAX_ENTRIES} pages are still rendered, just not kept.
 */
final class RenderedCache {
    static final int MAX_ENTRIES = 50_000;

    /**
     * A rendered answer: status, body bytes (in the charset chosen), content type, validators (ETag and the
     * snapshot's Last-Modified, null when there is no snapshot) and any further headers (e.g. Vary).
     */
    record Rendered(int status, byte[] body, String contentType, String etag, Instant lastModified,
                    Map<String, String> headers) {
        Rendered {
            headers = Map.copyOf(headers);
        }

        /** What to send a request with these headers: the page, or 304/412 by its conditional headers. */
        StoredAnswer answer(UnaryOperator<String> requestHeader) {
            return StoredAnswer.of(this, requestHeader);
        }
    }

    private record Generation(String fingerprint, Map<String, Rendered> pages) {
    }

    private volatile Generation current = new Generation("", new ConcurrentHashMap<>());

    /** The stored answer for {@code key} in the snapshot with {@code fingerprint}, rendering it once if absent. */
    Rendered get(String fingerprint, String key, Supplier<Rendered> render) {
        Generation g = current;
        if (!g.fingerprint().equals(fingerprint)) {
            g = new Generation(fingerprint, new ConcurrentHashMap<>());
            current = g; // a request of an older snapshot racing this one only costs a re-render
        }
        Rendered r = g.pages().get(key);
        if (r != null) {
            return r;
        }
        r = render.get();
        if (g.pages().size() < MAX_ENTRIES) {
            g.pages().putIfAbsent(key, r);
        }
        return r;
    }

    /** The stored answer for {@code key} in the snapshot with {@code fingerprint}, or null when not stored. */
    Rendered peek(String fingerprint, String key) {
        Generation g = current;
        return g.fingerprint().equals(fingerprint) ? g.pages().get(key) : null;
    }

    /** How many pages are kept now (for tests). */
    int size() {
        return current.pages().size();
    }
}
