package org.contactsync.webapp.security;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request of the logged-in administrator: to everything downstream (Jersey's SecurityContext included) it has a
 * user principal and the role {@code contactsync-admin}, as if the container had authenticated it.
 */
final class AdminRequest extends HttpServletRequestWrapper {
    private final Principal principal;
    private final String authType;
    private final String role;

    AdminRequest(HttpServletRequest request, String user, String authType, String role) {
        super(request);
        this.principal = new AdminPrincipal(user);
        this.authType = authType;
        this.role = role;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public String getAuthType() {
        return authType;
    }

    @Override
    public boolean isUserInRole(String r) {
        return role.equals(r) || super.isUserInRole(r);
    }

    private record AdminPrincipal(String getName) implements Principal {
    }
}
