package org.contactsync.jaxrs.testkit;

import java.security.Principal;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Stands in for a container login in tests: a request with {@code X-Test-User} (and optionally comma-separated
 * {@code X-Test-Roles}) is treated as signed in, the way a servlet container or the web app's session login makes
 * the request report its user and roles.
 */
@PreMatching
@Priority(10)
public final class TestLoginFilter implements ContainerRequestFilter {
    public static final String USER = "X-Test-User";
    public static final String ROLES = "X-Test-Roles";

    @Override
    public void filter(ContainerRequestContext request) {
        String user = request.getHeaderString(USER);
        if (user == null) {
            return;
        }
        String roles = request.getHeaderString(ROLES);
        Set<String> granted = roles == null ? Set.of() : Set.of(roles.split("\\s*,\\s*"));
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> user;
            }

            @Override
            public boolean isUserInRole(String role) {
                return granted.contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return SecurityContext.FORM_AUTH;
            }
        });
    }
}
