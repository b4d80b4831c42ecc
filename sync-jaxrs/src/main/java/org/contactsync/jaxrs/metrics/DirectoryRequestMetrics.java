package org.contactsync.jaxrs.metrics;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Counts phone directory answers by vendor, page and status, classifying by path only, so it works whatever resource
 * serves {@code /directory}. Unknown names become "other", which keeps the number of series bounded whatever
 * paths phones or scanners ask for.
 */
public final class DirectoryRequestMetrics implements ContainerResponseFilter {
    static final Set<String> VENDORS = Set.of("cisco", "yealink", "grandstream", "snom", "polycom", "fanvil");
    static final Set<String> PAGES = Set.of("groups", "contacts", "search", "help", "lookup", "favourites",
            "favorites", "labels", "phonebook");
    /** The Cisco directory came first and lives at the root of /directory. */
    static final String DEFAULT_VENDOR = "cisco";

    private final ContactSyncMetrics metrics;

    public DirectoryRequestMetrics(ContactSyncMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        count(request.getUriInfo().getPath(), response.getStatus());
    }

    /**
     * Counts one answer to {@code path} (relative to the application, e.g. {@code directory/groups/2}; other
     * paths are not counted): for a host that answers some directory requests before Jersey, so those count too.
     */
    public void count(String path, int status) {
        if (!(path.equals("directory") || path.startsWith("directory/"))) {
            return;
        }
        Kind k = classify(path);
        metrics.directoryRequest(k.vendor(), k.page(), status);
    }

    record Kind(String vendor, String page) {
    }

    /** "directory/groups/2" → cisco/groups; "directory/yealink/phonebook.xml" → yealink/phonebook. */
    static Kind classify(String path) {
        List<String> parts = List.of(path.split("/")).stream().filter(p -> !p.isEmpty()).skip(1)
                .map(p -> p.replaceFirst("\\.[A-Za-z]+$", "").toLowerCase(java.util.Locale.ROOT)).toList();
        String vendor = DEFAULT_VENDOR;
        int next = 0;
        if (!parts.isEmpty() && VENDORS.contains(parts.get(0))) {
            vendor = parts.get(0);
            next = 1;
        }
        if (parts.size() <= next) {
            return new Kind(vendor, "menu");
        }
        String page = parts.get(next);
        return new Kind(vendor, PAGES.contains(page) ? page : "other");
    }
}
