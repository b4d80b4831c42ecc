package org.contactsync.webapp.security;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a state-changing browser request (login, logout) comes from this application's own pages: its
 * {@code Origin} (or, failing that, {@code Referer}) must be the request's own scheme, host and port, or the
 * configured public base URL's. Requests with neither header (not from a browser) are allowed.
 */
public final class OriginCheck {
    private final URI publicBaseUrl;
    private final boolean trustProxy;

    public OriginCheck(URI publicBaseUrl, boolean trustProxy) {
        this.publicBaseUrl = publicBaseUrl;
        this.trustProxy = trustProxy;
    }

    public boolean allows(HttpServletRequest req) {
        String origin = req.getHeader("Origin");
        if (origin == null || origin.isBlank()) {
            String referer = req.getHeader("Referer");
            if (referer == null || referer.isBlank()) {
                return true;
            }
            origin = referer;
        }
        String claimed = originOf(origin);
        if (claimed == null) {
            return false;
        }
        if (publicBaseUrl != null && claimed.equals(originOf(publicBaseUrl.toString()))) {
            return true;
        }
        return claimed.equals(requestOrigin(req));
    }

    private String requestOrigin(HttpServletRequest req) {
        String scheme = req.getScheme();
        String host = req.getHeader("Host");
        if (trustProxy) {
            String fwdProto = first(req.getHeader("X-Forwarded-Proto"));
            String fwdHost = first(req.getHeader("X-Forwarded-Host"));
            if (fwdProto != null) {
                scheme = fwdProto;
            }
            if (fwdHost != null) {
                host = fwdHost;
            }
        }
        if (host == null) {
            host = req.getServerName() + ":" + req.getServerPort();
        }
        return originOf(scheme + "://" + host);
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }

    /** scheme://host:port in lower case with the default port made explicit, or null when not a URL. */
    static String originOf(String url) {
        try {
            URI u = URI.create(url.strip());
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
