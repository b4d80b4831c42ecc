package org.contactsync.jaxrs.directory;

import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What the phone directory reads of a request, whatever the host reads it from (Jersey in
 * {@link DirectoryResource}, a servlet filter in front of Jersey through {@link StoredPages}): plain values, so the
 * rules that derive the links' root, the charset, the phone model, access and the stored page from them exist
 * once ({@link PhoneRequestRules}).
 *
 * @param base          the application's base URI as the server saw it, ending in '/' (Jersey's base URI)
 * @param rawPath       the path below {@code base} as sent, not decoded, e.g. {@code directory/groups/2ABC}
 * @param rawQuery      the query as sent, not decoded; null or empty for none
 * @param header        a request header by name (case-insensitive), null when absent
 * @param remoteAddress the connection's peer address, null when the host cannot tell
 */
public record PhoneRequest(URI base, String rawPath, String rawQuery, UnaryOperator<String> header,
                           String remoteAddress) {
    public PhoneRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(header, "header");
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    String header(String name) {
        return header.apply(name);
    }
}
