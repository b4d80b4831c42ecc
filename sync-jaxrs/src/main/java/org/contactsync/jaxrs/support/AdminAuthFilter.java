package org.contactsync.jaxrs.support;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.contactsync.jaxrs.ApiSettings;
import org.contactsync.jaxrs.RequiresAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets only the administrator and viewers through to {@link RequiresAdmin} resources: whoever the container (or the
 * web app's login) reports in the admin or the viewer role, else whoever sends the configured admin or viewer
 * credentials by HTTP Basic. Others get 401 with a Basic challenge, or 403 when they are signed in without either
 * role. What a viewer may not do is {@link ReadOnlyFilter}'s one rule. Wrong passwords are slowed down by a
 * {@link LoginThrottle} per user name (a JAX-RS filter does not know the client's address); a throttled request gets
 * 429 with {@code Retry-After} and is not checked.
 */
@RequiresAdmin
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AdminAuthFilter.class);

    private final ApiSettings settings;
    private final LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());

    public AdminAuthFilter(ApiSettings settings) {
        this.settings = settings;
        if (!settings.hasAdminCredentials() && !settings.authenticatedByHost()) {
            log.info("No admin credentials configured for the REST API: only users the container reports in role "
                    + "'{}' can use /api/sync and /api/contacts", settings.adminRole());
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext container = request.getSecurityContext();
        if (container != null && (container.isUserInRole(settings.adminRole())
                || container.isUserInRole(settings.viewerRole()))) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (BasicCredentials.isBasic(authorization)) {
            Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization);
            String user = credentials.map(BasicCredentials::user).orElse(null);
            Duration wait = throttle.tryAttempt(null, user);
            if (!wait.isZero()) {
                request.abortWith(Response.fromResponse(new ApiException(429, LoginThrottle.message(wait)).toResponse())
                        .header(HttpHeaders.RETRY_AFTER, LoginThrottle.retryAfterSeconds(wait)).build());
                return;
            }
            String role = credentials.map(c -> settings.isAdmin(user, c.password()) ? settings.adminRole()
                    : settings.isViewer(user, c.password()) ? settings.viewerRole() : null).orElse(null);
            if (role != null) {
                throttle.succeeded(null, user);
                boolean secure = container != null && container.isSecure();
                request.setSecurityContext(new AdminContext(user, role, secure));
                return;
            }
            // Never the password, and not the user name either: a mistyped password is often typed into it.
            log.warn("Refused an admin API request to /{}: wrong user name or password", request.getUriInfo().getPath());
            request.abortWith(challenge("Wrong user name or password for the ContactSync administrator."));
            return;
        }
        Principal user = container == null ? null : container.getUserPrincipal();
        if (user != null) {
            request.abortWith(new ApiException(403, "You are signed in, but not as the ContactSync administrator "
                    + "(role '" + settings.adminRole() + "') or a viewer (role '" + settings.viewerRole() + "'). "
                    + "Sign in as the administrator, or ask for one of these roles.").toResponse());
            return;
        }
        request.abortWith(challenge("Sign in as the ContactSync administrator: use the web page's login, or send "
                + "the admin user name and password with HTTP Basic authentication."));
    }

    private static Response challenge(String detail) {
        return Response.fromResponse(new ApiException(401, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, BasicCredentials.CHALLENGE).build();
    }

    /** Tells resources who was let in by Basic authentication, and in which role. */
    private record AdminContext(String user, String role, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> user;
        }

        @Override
        public boolean isUserInRole(String r) {
            return role.equals(r);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return SecurityContext.BASIC_AUTH;
        }
    }
}
