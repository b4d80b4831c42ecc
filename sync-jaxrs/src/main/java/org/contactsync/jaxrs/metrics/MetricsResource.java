package org.contactsync.jaxrs.metrics;

import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import org.contactsync.jaxrs.RequiresAdmin;

/**
 * {@code GET /metrics}: the Prometheus text format. For the administrator, or for whoever sends the configured
 * metrics token as {@code Authorization: Bearer ...} ({@link MetricsTokenFilter}).
 */
@Path("metrics")
@RequiresAdmin
@MetricsTokenFilter.AcceptsMetricsToken
public final class MetricsResource {
    private final ContactSyncMetrics metrics;

    public MetricsResource(ContactSyncMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @GET
    @Produces({"text/plain", "*/*"})
    public Response scrape() {
        return Response.ok(metrics.scrape(), ContactSyncMetrics.contentType())
                .cacheControl(CacheControl.valueOf("no-store")).build();
    }
}
