package org.contactsync.examples.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The host application's own authentication, which has nothing to do with ContactSync: API tokens sent as
 * {@code Authorization: Bearer <token>}. A known token signs the request in as its {@link HostUser} with the user's
 * roles; an unknown one is refused with 401; a request without a token goes on anonymous and each resource decides.
 *
 * <p>Registered in front of the host's resources and of the mounted ContactSync API alike. ContactSync then only
 * asks the {@link SecurityContext} whether the user has the role it was configured with.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class HostAuthFilter implements ContainerRequestFilter {
    private final Map<String, HostUser> usersByToken;

    public HostAuthFilter(Map<String, HostUser> usersByToken) {
        this.usersByToken = Map.copyOf(usersByToken);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        HostUser user = find(authorization.substring(7).strip());
        if (user == null) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"host\"")
                    .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Unknown or revoked API token. Ask the host's administrator for a new one.\n")
                    .build());
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return user::name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return user.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    /** Compares every token in constant time, so response times do not tell how much of a guess was right. */
    private HostUser find(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        HostUser found = null;
        for (Map.Entry<String, HostUser> e : usersByToken.entrySet()) {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), given)) {
                found = e.getValue();
            }
        }
        return found;
    }
}
