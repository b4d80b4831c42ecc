package org.contactsync.jaxrs.metrics;

import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;

/**
 * {@code GET /metrics}: the Prometheus text format. For the administrator, or for whoever sends the configured
 * metrics token as {@code Authorization: Bearer ...} ({@link MetricsTokenFilter}).
 */
@Path("metrics")
@RequiresAdmin
@Tag(name = "metrics", description = "Prometheus metrics (docs/operations.md lists them).")
@MetricsTokenFilter.AcceptsMetricsToken
public final class MetricsResource {
    private final ContactSyncMetrics metrics;

    public MetricsResource(ContactSyncMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @GET
    @Produces({"text/plain", "*/*"})
    @Operation(summary = "Every metric in the Prometheus text format 0.0.4",
            responses = @ApiResponse(responseCode = "200", description = "The scrape",
                    content = @Content(mediaType = "text/plain", schema = @Schema(type = "string"),
                            examples = @ExampleObject(value = OpenApiExamples.METRICS))))
    public Response scrape() {
        return Response.ok(metrics.scrape(), ContactSyncMetrics.contentType())
                .cacheControl(CacheControl.valueOf("no-store")).build();
    }
}
