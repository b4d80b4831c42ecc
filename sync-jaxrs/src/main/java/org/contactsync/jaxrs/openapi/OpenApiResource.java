package org.contactsync.jaxrs.openapi;

import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Hidden;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.contactsync.jaxrs.RequiresAdmin;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 description of every endpoint mounted with the feature, generated
 * from the resources themselves at the first request (then kept: the resources do not change while running).
 */
@Path("api/openapi.json")
@RequiresAdmin
@Hidden
public final class OpenApiResource {
    private final Supplier<String> document;
    private volatile String json;

    public OpenApiResource(Set<Class<?>> resources, ObjectMapper apiMapper) {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(apiMapper, "apiMapper");
        Set<Class<?>> copy = Set.copyOf(resources);
        this.document = () -> OpenApiDocument.json(copy, apiMapper);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String openApi() {
        String j = json;
        if (j == null) {
            synchronized (this) {
                if (json == null) {
                    json = document.get();
                }
                j = json;
            }
        }
        return j;
    }
}
