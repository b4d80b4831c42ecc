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

    /** (One parameter of a plain type: Jersey checks resource constructors and warns about generic ones.) */
    public OpenApiResource(Mounted mounted) {
        Objects.requireNonNull(mounted, "mounted");
        this.document = () -> OpenApiDocument.json(mounted.resources(), mounted.apiMapper());
    }

    /** The resource classes to describe, and the API's JSON mapper (for its field names). */
    public record Mounted(Set<Class<?>> resources, ObjectMapper apiMapper) {
        public Mounted {
            resources = Set.copyOf(resources);
            Objects.requireNonNull(apiMapper, "apiMapper");
        }
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
