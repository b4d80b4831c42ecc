package org.contactsync.webapp.security;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;

import org.contactsync.jaxrs.support.ClientUrl;

/**
 * Whether a state-changing browser request (login, logout) comes from this application's own pages: its
 * {@code Origin} (or, failing that, {@code Referer}) must name this server as {@link ClientUrl} tells it, the same
 * rule the API's CSRF check follows. Requests with neither header (not from a browser) are allowed.
 */
public final class OriginCheck {
    private final ClientUrl clientUrl;

    public OriginCheck(ClientUrl clientUrl) {
        this.clientUrl = clientUrl;
    }

    public boolean allows(HttpServletRequest req) {
        String claimed = ClientUrl.claimedOrigin(req.getHeader("Origin"), req.getHeader("Referer"));
        if (claimed == null) {
            return true;
        }
        URI base = requestBase(req);
        return base != null && clientUrl.isOwnOrigin(claimed, base, req.getHeader("X-Forwarded-Proto"),
                req.getHeader("X-Forwarded-Host"));
    }

    /** The application's base URI as the container saw the request (scheme, Host header, context path), or null. */
    static URI requestBase(HttpServletRequest req) {
        try {
            return new URI(req.getScheme(), null, req.getServerName(), req.getServerPort(), req.getContextPath() + "/",
                    null, null);
        } catch (URISyntaxException e) {
            return null; // a Host header that is no host: such a request is not from our own page
        }
    }
}
