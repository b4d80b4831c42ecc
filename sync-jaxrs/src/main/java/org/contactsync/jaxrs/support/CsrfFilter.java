package org.contactsync.jaxrs.support;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

import org.contactsync.jaxrs.ApiSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses cross-site state-changing requests (anything but GET, HEAD, OPTIONS) to every resource of the application:
 * the {@code Origin} header, or when absent the {@code Referer}, must name this server (its request host, the
 * trusted X-Forwarded-Host, or the configured public base URL). Requests with neither header come from non-browser
 * clients, which cannot be tricked into sending the admin's credentials, and pass.
 *
 * <p>Host and port are compared, not the scheme, so a TLS-terminating proxy that keeps the Host header works.
 */
@Priority(Priorities.AUTHORIZATION)
public final class CsrfFilter implements ContainerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(CsrfFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ApiSettings settings;

    public CsrfFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String header = "Origin";
        if (origin == null || origin.isBlank()) {
            origin = request.getHeaderString("Referer");
            header = "Referer";
        }
        if (origin == null || origin.isBlank()) {
            return;
        }
        String claimed = authority(origin.strip());
        if (claimed != null && isThisServer(claimed, request)) {
            return;
        }
        log.warn("Refused a cross-site {} to /{} ({} header did not match this server)", request.getMethod(),
                request.getUriInfo().getPath(), header);
        request.abortWith(new ApiException(403, "Cross-site request refused: the " + header + " header ("
                + Params.shorten(origin) + ") does not match this server. Send the request from the ContactSync "
                + "page, or set the public base URL if the server runs behind a proxy.").toResponse());
    }

    private boolean isThisServer(String claimed, ContainerRequestContext request) {
        if (settings.publicBaseUrl().map(u -> claimed.equals(authority(u))).orElse(false)) {
            return true;
        }
        URI requestUri = request.getUriInfo().getRequestUri();
        if (settings.trustForwardedHeaders()) {
            String forwarded = request.getHeaderString("X-Forwarded-Host");
            if (forwarded != null && !forwarded.isBlank()) {
                String proto = request.getHeaderString("X-Forwarded-Proto");
                String scheme = proto == null || proto.isBlank() ? requestUri.getScheme() : proto.split(",")[0].strip();
                return claimed.equals(authority(scheme + "://" + forwarded.split(",")[0].strip()));
            }
        }
        return claimed.equals(authority(requestUri));
    }

    /** "host" or "host:port" (port only when not the scheme's default), lower case; null when not a URL. */
    static String authority(String url) {
        try {
            return authority(URI.create(url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String authority(URI uri) {
        if (uri.getHost() == null || uri.getScheme() == null) {
            return null;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return defaultPort ? host : host + ":" + port;
    }
}
