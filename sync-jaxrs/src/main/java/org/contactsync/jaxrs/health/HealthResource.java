package org.contactsync.jaxrs.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.health.CheckResult;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.health.Health;
import org.contactsync.health.HealthChecker;

/**
 * {@code GET /health} (liveness: the process answers, nothing else is checked, so a slow database never gets the
 * process restarted) and {@code GET /health/ready} (readiness: every check of the {@link HealthChecker}; 200 while
 * the application can serve, also when its contacts are stale, 503 when a check is down). Open without login for
 * load balancers and probes; the answers hold no secrets, hosts or exception names.
 */
@Path("health")
@Tag(name = "health", description = "Probes for load balancers and containers; no login.")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");

    private final HealthChecker checker;

    public HealthResource(HealthChecker checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    @GET
    @Operation(summary = "Liveness: the process answers", responses = @ApiResponse(responseCode = "200",
            description = "Always up while the process answers", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Live.class), examples = @ExampleObject(value = OpenApiExamples.LIVE))))
    public Response live() {
        return Response.ok(new Live("up")).cacheControl(NO_STORE).build();
    }

    @GET
    @Path("ready")
    @Operation(summary = "Readiness: database, schema, phone directory, sync freshness",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Ready: every check up or stale",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = Ready.class),
                                    examples = @ExampleObject(value = OpenApiExamples.READY))),
                    @ApiResponse(responseCode = "503", description = "Not ready: a check is down",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = Ready.class),
                                    examples = @ExampleObject(value = OpenApiExamples.NOT_READY)))})
    public Response ready() {
        Health health = checker.check();
        Map<String, Check> checks = new LinkedHashMap<>();
        health.checks().forEach((name, r) -> checks.put(name, Check.of(r)));
        Ready body = new Ready(name(health.status()), health.checkedAt(), checks);
        return Response.status(health.ready() ? 200 : 503).entity(body).cacheControl(NO_STORE).build();
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** {@code GET /health}. */
    public record Live(String status) {
    }

    /** {@code GET /health/ready}: {@code status} is up, stale or down. */
    public record Ready(@Schema(allowableValues = {"up", "stale", "down"}) String status, Instant checkedAt,
                        Map<String, Check> checks) {
    }

    public record Check(@Schema(allowableValues = {"up", "stale", "down"}) String status, String message) {
        static Check of(CheckResult r) {
            return new Check(name(r.status()), r.message());
        }
    }
}
