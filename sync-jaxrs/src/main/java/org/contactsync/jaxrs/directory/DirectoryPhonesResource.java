package org.contactsync.jaxrs.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.contactsync.jaxrs.RequiresAdmin;

/**
 * {@code GET /api/directory/phones}: for each vendor, the URL(s) to enter in the phone or its provisioning file,
 * for the admin page's Phones section. Behind the API's login like the rest of /api, also in a host that mounts
 * it through {@link org.contactsync.jaxrs.ContactSyncFeature} without a servlet login of its own.
 */
@RequiresAdmin
@Path("api/directory/phones")
public final class DirectoryPhonesResource {
    private final DirectoryResource directory;

    public DirectoryPhonesResource(DirectoryResource directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @io.swagger.v3.oas.annotations.Operation(summary = "For each phone vendor, the URLs to enter in the phone")
    public List<Map<String, Object>> phones(@Context UriInfo uri, @Context HttpHeaders headers) {
        List<Map<String, Object>> result = new ArrayList<>();
        directory.phonebookUrls(uri, headers).forEach((vendor, urls) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("vendor", vendor);
            v.put("kind", vendor.equals("cisco") || vendor.endsWith("-browse") ? "browse" : "download");
            v.put("urls", urls);
            v.put("lookup", urls.get(0).replaceFirst("/directory(/.*)?$", "/directory/lookup?number="));
            result.add(v);
        });
        return result;
    }
}
