package org.contactsync.webapp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import org.contactsync.jaxrs.directory.DirectoryResource;

/** Tells the phone directory the client's address (the servlet's), for its optional access control. */
@Provider
final class PhoneClientAddress implements ContainerRequestFilter {
    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (servletRequest != null) {
            request.setProperty(DirectoryResource.REMOTE_ADDRESS_PROPERTY, servletRequest.getRemoteAddr());
        }
    }
}
