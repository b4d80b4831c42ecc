package org.contactsync.jaxrs.sync;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Actors;
import org.contactsync.sync.Intervals;
import org.contactsync.sync.ScheduleStatus;
import org.contactsync.sync.SyncScheduler;

/**
 * {@code /api/sync/schedule}: the automatic sync, whether it is paused after failures and why, and resuming it.
 * Mounted by hosts that run a {@link SyncScheduler} (the WAR does). A resume is recorded in the timeline with who
 * asked, when the scheduler {@link SyncScheduler#configEvents records} configuration events.
 */
@Path("api/sync/schedule")
@RequiresAdmin
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
public final class ScheduleResource {
    private final SyncScheduler scheduler;

    public ScheduleResource(SyncScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @GET
    @Operation(summary = "The automatic sync: interval, next run, failures in a row, and a pause with its reason",
            responses = @ApiResponse(responseCode = "200", description = "The schedule",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = Schedule.class),
                            examples = @ExampleObject(value = OpenApiExamples.SCHEDULE_PAUSED))))
    public Schedule schedule() {
        return Schedule.of(scheduler);
    }

    @POST
    @Path("resume")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "Resumes paused automatic syncs; a scheduled sync starts at once",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Resumed",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = Resumed.class),
                                    examples = @ExampleObject(value = OpenApiExamples.RESUMED))),
                    @ApiResponse(responseCode = "409", description = "Automatic syncs are not paused",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.NOT_PAUSED))),
                    @ApiResponse(responseCode = "415", description = "A body of another type than JSON or a form")})
    public Resumed resume(@Context SecurityContext who) {
        if (!scheduler.resume(Actors.of(who))) {
            throw ApiException.conflict("Automatic syncs are not paused, so there is nothing to resume.");
        }
        return new Resumed("Automatic syncs resumed; a sync starts now.");
    }

    /**
     * @param automatic           whether a schedule runs syncs
     * @param interval            "15m", or null when manual
     * @param nextSync            when the next scheduled sync is due; null while paused or manual
     * @param consecutiveFailures failed scheduled runs in a row
     * @param pauseAfter          failures in a row that pause automatic syncs (0: never)
     * @param paused              whether automatic syncs are paused
     * @param pausedSince         since when, or null
     * @param pauseReason         a sentence for the page, or null
     * @param lastFailedRunId     the run whose failure paused it, or null
     */
    public record Schedule(boolean automatic, String interval, Instant nextSync, int consecutiveFailures,
                           int pauseAfter, boolean paused, Instant pausedSince, String pauseReason,
                           Long lastFailedRunId) {
        static Schedule of(SyncScheduler s) {
            ScheduleStatus status = s.status();
            Optional<SyncScheduler.Pause> pause = s.pause();
            return new Schedule(status != null, status == null ? null : Intervals.format(status.interval()),
                    status == null ? null : status.nextRun(), status == null ? 0 : status.consecutiveFailures(),
                    s.pauseAfterFailures(), pause.isPresent(), pause.map(SyncScheduler.Pause::since).orElse(null),
                    pause.map(SyncScheduler.Pause::reason).orElse(null),
                    pause.map(SyncScheduler.Pause::lastRunId).orElse(null));
        }
    }

    public record Resumed(String message) {
    }
}
