package org.contactsync.jaxrs.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every answer under {@code api/}: never cached (it is live, per-admin data), never sniffed, and event
 * streams unbuffered by nginx-like proxies. Deliberately no CORS headers: browsers keep other sites out.
 */
public final class ApiResponseHeaders implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("api") || path.startsWith("api/"))) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Content-Type-Options", "nosniff");
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)) {
            h.putSingle("X-Accel-Buffering", "no");
        }
    }
}
