package org.contactsync.jaxrs.support;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which URL did the client use to reach this application: the one rule behind the CSRF check, the login form's
 * origin check and the phone directory's links; and which address it came from (sign-in throttling, the
 * directory's access control). Plain values in (the base URI the server saw, the proxy's headers),
 * a URL out; no servlet or JAX-RS type, so every layer can call it.
 *
 * <ol>
 *   <li>the configured public base URL ({@code contactsync.public-base-url}), when set;</li>
 *   <li>else, only when the proxy is trusted ({@code contactsync.trust-proxy}), the first value of
 *       {@code X-Forwarded-Proto} (http or https) and of {@code X-Forwarded-Host} (a host name or IP literal with
 *       an optional port; anything else is ignored, so a hostile header cannot inject markup or paths);</li>
 *   <li>else the request's own scheme, host and port.</li>
 * </ol>
 *
 * <p>{@link #isOwnOrigin} compares host and port, not the scheme: a TLS-terminating proxy that keeps the Host
 * header but sends no X-Forwarded-Proto still works, and a page on another host never passes.
 *
 * @param publicBaseUrl the configured URL, or null
 * @param trustProxy    whether X-Forwarded-Proto/-Host may say how the client reached us
 */
public record ClientUrl(URI publicBaseUrl, boolean trustProxy) {
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

    public ClientUrl {
        if (publicBaseUrl != null && (publicBaseUrl.getScheme() == null || publicBaseUrl.getHost() == null)) {
            throw new IllegalArgumentException("the public base URL must be absolute, like https://host/, was "
                    + publicBaseUrl);
        }
    }

    /**
     * The application's base URL as the client used it, ending in '/': scheme, host and port by the rules above;
     * the path of the public base URL when it has one, else the request's. Never user info.
     *
     * @param requestBase    the base URI the server saw (e.g. {@code http://10.0.0.5:8080/contactsync/})
     * @param forwardedProto the X-Forwarded-Proto header, or null
     * @param forwardedHost  the X-Forwarded-Host header, or null
     */
    public URI base(URI requestBase, String forwardedProto, String forwardedHost) {
        String path = requestBase.getRawPath() == null ? "" : requestBase.getRawPath();
        String schemeAndAuthority;
        if (publicBaseUrl != null) {
            schemeAndAuthority = publicBaseUrl.getScheme().toLowerCase(Locale.ROOT) + "://" + hostAndPort(publicBaseUrl);
            String configured = publicBaseUrl.getRawPath();
            if (configured != null && !configured.isEmpty() && !configured.equals("/")) {
                path = configured;
            }
        } else {
            schemeAndAuthority = seen(requestBase, forwardedProto, forwardedHost);
        }
        StringBuilder sb = new StringBuilder(96).append(schemeAndAuthority);
        if (!path.startsWith("/")) {
            sb.append('/');
        }
        sb.append(path);
        if (sb.charAt(sb.length() - 1) != '/') {
            sb.append('/');
        }
        return URI.create(sb.toString());
    }

    /**
     * Whether an {@code Origin} (or {@code Referer}) header names this application as the client reached it: the
     * public base URL's host and port, or those the request shows (through a trusted proxy). Null or unparsable:
     * false.
     */
    public boolean isOwnOrigin(String claimed, URI requestBase, String forwardedProto, String forwardedHost) {
        String host = claimed == null ? null : hostKey(claimed.strip());
        if (host == null) {
            return false;
        }
        if (publicBaseUrl != null && host.equals(hostKey(publicBaseUrl))) {
            return true;
        }
        return host.equals(hostKey(seen(requestBase, forwardedProto, forwardedHost)));
    }

    /**
     * The address a request came from: the connection's peer, or behind a trusted proxy the last address in
     * {@code X-Forwarded-For}, the one the proxy itself saw (earlier ones are whatever the client claimed, so they
     * can never be trusted: a client outside an allowed network would just name one inside it).
     *
     * @param remoteAddress the connection's peer, or null when the host cannot tell
     */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        if (trustProxy && forwardedFor != null && !forwardedFor.isBlank()) {
            String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
            if (!last.isEmpty()) {
                return last;
            }
        }
        return remoteAddress;
    }

    /**
     * What a browser says a request came from: the {@code Origin} header, or when absent the {@code Referer}; null
     * when neither is sent (a non-browser client, which cannot be tricked into sending the admin's credentials).
     */
    public static String claimedOrigin(String origin, String referer) {
        if (origin != null && !origin.isBlank()) {
            return origin;
        }
        return referer == null || referer.isBlank() ? null : referer;
    }

    /** scheme://host[:port] of the request, with the trusted proxy's scheme and host when they are usable. */
    private String seen(URI request, String forwardedProto, String forwardedHost) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String authority = hostAndPort(request);
        if (trustProxy) {
            String proto = first(forwardedProto);
            if (proto != null) {
                proto = proto.toLowerCase(Locale.ROOT);
                if (proto.equals("http") || proto.equals("https")) {
                    if (!proto.equals(scheme)) {
                        authority = withoutPort(authority); // the request's port was the backend's, not the proxy's
                    }
                    scheme = proto;
                }
            }
            String host = first(forwardedHost);
            if (host != null && HOST.matcher(host).matches()) {
                authority = host;
            }
        }
        return scheme + "://" + authority;
    }

    /** "host" or "host:port" (port only when not the scheme's default), lower case; null when not a URL. */
    private static String hostKey(String url) {
        try {
            return hostKey(URI.create(url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hostKey(URI uri) {
        if (uri.getHost() == null || uri.getScheme() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return defaultPort ? host : host + ":" + port;
    }

    /** Host and port only: never user info, which has no place in links handed out. */
    private static String hostAndPort(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The first of a comma-separated list (the client-most proxy), or null. */
    private static String first(String header) {
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
}
