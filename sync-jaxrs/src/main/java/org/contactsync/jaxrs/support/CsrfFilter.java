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
 * the {@code Origin} header, or when absent the {@code Referer}, must name this server as {@link ClientUrl} tells it.
 * Requests with neither header come from non-browser clients, which cannot be tricked into sending the admin's
 * credentials, and pass.
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
        String origin = ClientUrl.claimedOrigin(request.getHeaderString("Origin"), request.getHeaderString("Referer"));
        if (origin == null) {
            return;
        }
        String header = origin.equals(request.getHeaderString("Origin")) ? "Origin" : "Referer";
        URI base = request.getUriInfo().getBaseUri();
        if (settings.clientUrl().isOwnOrigin(origin, base, request.getHeaderString("X-Forwarded-Proto"),
                request.getHeaderString("X-Forwarded-Host"))) {
            return;
        }
        log.warn("Refused a cross-site {} to /{} ({} header did not match this server)", request.getMethod(),
                request.getUriInfo().getPath(), header);
        request.abortWith(new ApiException(403, "Cross-site request refused: the " + header + " header ("
                + Params.shorten(origin) + ") does not match this server. Send the request from the ContactSync "
                + "page, or set the public base URL if the server runs behind a proxy.").toResponse());
    }
}
