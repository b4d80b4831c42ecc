package org.contactsync.jaxrs.support;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.ChangesState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's one rule, for every resource of the application: someone in the viewer role (and not the admin's)
 * may send GET, HEAD and OPTIONS, and is refused with 403 anything else, and any GET marked {@link ChangesState}.
 * It goes by the HTTP method, so a new endpoint is covered without an annotation. Runs after authentication, so a
 * viewer signed in by HTTP Basic is known here too.
 */
@Priority(Priorities.AUTHORIZATION - 10)
public final class ReadOnlyFilter implements ContainerRequestFilter {
    /** What a refused viewer reads. */
    public static final String REFUSED = "You are signed in as a viewer, which can look but not change anything. "
            + "Ask an administrator to make this change, or sign in as the administrator.";

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyFilter.class);
    private static final Set<String> READING = Set.of("GET", "HEAD", "OPTIONS");

    private final ApiSettings settings;

    @Context
    private ResourceInfo resource;

    public ReadOnlyFilter(ApiSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext who = request.getSecurityContext();
        if (who == null || who.getUserPrincipal() == null || !who.isUserInRole(settings.viewerRole())
                || who.isUserInRole(settings.adminRole())) {
            return;
        }
        if (READING.contains(request.getMethod().toUpperCase(Locale.ROOT)) && !changesState()) {
            return;
        }
        log.info("Refused {} /{} to the viewer '{}'", request.getMethod(), request.getUriInfo().getPath(),
                who.getUserPrincipal().getName());
        request.abortWith(new ApiException(403, REFUSED).toResponse());
    }

    private boolean changesState() {
        Method m = resource == null ? null : resource.getResourceMethod();
        return m != null && m.isAnnotationPresent(ChangesState.class);
    }
}
