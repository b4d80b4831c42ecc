package org.contactsync.jaxrs.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.Page;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Params;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.sync.changes.ContactChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/sync}: run, watch, cancel and preview syncs, and read their history. For the administrator; viewers
 * may read (ReadOnlyFilter refuses them the rest).
 */
@Path("api/sync")
@RequiresAdmin
@Tag(name = "sync", description = "Run, watch, cancel and preview syncs; their history.")
@Produces(MediaType.APPLICATION_JSON)
public final class SyncResource {
    private static final Logger log = LoggerFactory.getLogger(SyncResource.class);
    /** The most runs a history export holds (newest first). */
    static final int EXPORT_MAX_RUNS = 10_000;
    private static final int EXPORT_PAGE = 500;

    private final SyncManager manager;
    private final SyncEventHub events;

    public SyncResource(SyncManager manager, SyncEventHub events) {
        this.manager = manager;
        this.events = events;
    }

    @GET
    @Path("status")
    @Operation(summary = "The active run (on any node), else the last run, else idle",
            responses = @ApiResponse(responseCode = "200", description = "The status",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Status.class),
                            examples = @ExampleObject(value = OpenApiExamples.STATUS))))
    public SyncJson.Status status() {
        return SyncJson.status(manager.status());
    }

    @POST
    @Path("trigger")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "Starts a sync (incremental unless force_full); needs no body",
            description = "Exactly one of any number of concurrent triggers (on any node) gets 200.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Started",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Started.class),
                                    examples = @ExampleObject(value = OpenApiExamples.STARTED))),
                    @ApiResponse(responseCode = "400", description = "force_full is not true or false"),
                    @ApiResponse(responseCode = "409", description = "A sync is already running; run_id names it",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.ALREADY_RUNNING))),
                    @ApiResponse(responseCode = "415", description = "A body of another type than JSON or a form"),
                    @ApiResponse(responseCode = "503", description = "The sync service is shutting down")})
    public SyncJson.Started trigger(@Parameter(description = OpenApiExamples.FORCE_FULL,
            schema = @Schema(type = "boolean", defaultValue = "false")) @QueryParam("force_full") String forceFull) {
        SyncType requested = Params.flag("force_full", forceFull) ? SyncType.FULL : SyncType.INCREMENTAL;
        TriggerResult result;
        try {
            result = manager.trigger(requested);
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("The sync service is shutting down; try again in a moment.");
        }
        if (result instanceof TriggerResult.Started started) {
            SyncRun run = started.run();
            // The run as it started carries the type it really runs (full when there is no cursor yet); asking the
            // store again here would race with a run that already finished and saved its cursor.
            return new SyncJson.Started("Sync started", SyncJson.name(run.type()), run.id(),
                    SyncJson.name(requested));
        }
        throw ApiException.conflict("Sync already running").with("run_id", result.run().id());
    }

    @GET
    @Path("history")
    @Operation(summary = "Runs, newest first",
            responses = {
                    @ApiResponse(responseCode = "200", description = "One page of the history",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.History.class),
                                    examples = @ExampleObject(value = OpenApiExamples.HISTORY))),
                    @ApiResponse(responseCode = "400", description = "limit or offset out of range or not a number",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.BAD_LIMIT)))})
    public SyncJson.History history(
            @Parameter(description = OpenApiExamples.LIMIT, schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "10")) @QueryParam("limit") String limit,
            @Parameter(description = OpenApiExamples.OFFSET, schema = @Schema(type = "integer", minimum = "0",
                    defaultValue = "0")) @QueryParam("offset") String offset) {
        Page<SyncRun> page = manager.history(Params.limit(limit, 10), Params.offset(offset));
        return SyncJson.history(page, Instant.now());
    }

    @GET
    @Path("history.json")
    @Operation(summary = "The newest 10 000 runs as a JSON download (the history shape)",
            responses = @ApiResponse(responseCode = "200", description = "Content-Disposition: attachment",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.History.class))))
    public Response historyJson() {
        List<SyncJson.HistoryItem> items = exportItems();
        SyncJson.History all = new SyncJson.History(items, items.size(), items.size(), 0);
        return download(all, MediaType.APPLICATION_JSON, "contactsync-history.json");
    }

    @GET
    @Path("history.csv")
    @Produces("text/csv")
    @Operation(summary = "The newest 10 000 runs as an RFC 4180 CSV download",
            description = "Columns: " + HistoryCsv.HEADER + ". Text cells are quoted; a cell starting with = + - @ "
                    + "tab or CR gets a leading apostrophe.",
            responses = @ApiResponse(responseCode = "200", description = "Content-Disposition: attachment",
                    content = @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                            examples = @ExampleObject(value = OpenApiExamples.CSV))))
    public Response historyCsv() {
        return download(HistoryCsv.write(exportItems()), "text/csv; charset=utf-8", "contactsync-history.csv");
    }

    @GET
    @Path("info")
    @Operation(summary = "Contacts, last sync and the schedule",
            responses = @ApiResponse(responseCode = "200", description = "The overview",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Info.class),
                            examples = @ExampleObject(value = OpenApiExamples.INFO))))
    public SyncJson.Info info() {
        return SyncJson.info(manager.info());
    }

    @GET
    @Path("runs/{id}")
    @Operation(summary = "One run, in the status shape",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The run",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Status.class))),
                    @ApiResponse(responseCode = "404", description = "No such run (also for ids that are not numbers)",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.NO_RUN)))})
    public SyncJson.Status run(@Parameter(description = "The run's id", schema = @Schema(type = "integer",
            format = "int64")) @PathParam("id") String id) {
        long runId = Params.id(id, "sync run");
        return manager.run(runId).map(r -> SyncJson.status(r, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("No sync run with id " + runId + "."));
    }

    @GET
    @Path("runs/{id}/changes")
    @Operation(summary = "The contacts a run added, updated and deleted, in the order written, one page at a time",
            description = "A run lists its first changes (contactsync.history.changes-per-run, default 1000) and "
                    + "counts the rest in beyond_cap; lists older than contactsync.history.retention are pruned "
                    + "(an empty page).",
            responses = {
                    @ApiResponse(responseCode = "200", description = "One page of the run's changes",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.RunChanges.class),
                                    examples = @ExampleObject(value = OpenApiExamples.RUN_CHANGES))),
                    @ApiResponse(responseCode = "400", description = "limit, offset or kind out of range or not understood",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.BAD_KIND))),
                    @ApiResponse(responseCode = "404", description = "No such run (also for ids that are not numbers)",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.NO_RUN)))})
    public SyncJson.RunChanges changes(
            @Parameter(description = "The run's id", schema = @Schema(type = "integer", format = "int64"))
            @PathParam("id") String id,
            @Parameter(description = OpenApiExamples.LIMIT, schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "50")) @QueryParam("limit") String limit,
            @Parameter(description = OpenApiExamples.OFFSET, schema = @Schema(type = "integer", minimum = "0",
                    defaultValue = "0")) @QueryParam("offset") String offset,
            @Parameter(description = "Only changes of this kind; all when absent", schema = @Schema(type = "string",
                    allowableValues = {"add", "update", "delete"})) @QueryParam("kind") String kind) {
        long runId = Params.id(id, "sync run");
        int pageSize = Params.limit(limit, 50);
        int skip = Params.offset(offset);
        String only = Params.oneOf("kind", kind, "add", "update", "delete");
        if (manager.run(runId).isEmpty()) {
            throw ApiException.notFound("No sync run with id " + runId + ".");
        }
        ContactChange.Kind of = only == null ? null : ContactChange.Kind.valueOf(only.toUpperCase(Locale.ROOT));
        return SyncJson.runChanges(runId, manager.changes(runId, of, pageSize, skip));
    }

    @POST
    @Path("cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "Asks the active run (on any node) to stop",
            responses = {
                    @ApiResponse(responseCode = "200", description = "Asked; the run ends cancelled",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Cancelled.class),
                                    examples = @ExampleObject(value = OpenApiExamples.CANCELLED))),
                    @ApiResponse(responseCode = "409", description = "No sync is running",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.NOTHING_TO_CANCEL))),
                    @ApiResponse(responseCode = "415", description = "A body of another type than JSON or a form")})
    public SyncJson.Cancelled cancel() {
        SyncRun run = manager.cancel().orElseThrow(() -> ApiException.conflict("No sync is running, so there is "
                + "nothing to cancel."));
        return new SyncJson.Cancelled("Cancel requested; the sync stops after the contact it is working on.",
                run.id());
    }

    @POST
    @Path("preview")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(summary = "A dry run: what a sync would change, without changing anything",
            description = "Runs while the request waits; changes lists the first ones as a run would "
                    + "(contactsync.history.changes-per-run, default 1000), beyond_cap counts the rest.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "What would change",
                            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncJson.Preview.class),
                                    examples = @ExampleObject(value = OpenApiExamples.PREVIEW))),
                    @ApiResponse(responseCode = "400", description = "force_full is not true or false"),
                    @ApiResponse(responseCode = "415", description = "A body of another type than JSON or a form"),
                    @ApiResponse(responseCode = "502", description = "The source failed; detail is its message for people",
                            content = @Content(mediaType = "application/json", schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.SOURCE_FAILED))),
                    @ApiResponse(responseCode = "503", description = "The source was unreachable")})
    public SyncJson.Preview preview(@Parameter(description = OpenApiExamples.FORCE_FULL,
            schema = @Schema(type = "boolean", defaultValue = "false")) @QueryParam("force_full") String forceFull)
            throws Exception {
        SyncType requested = Params.flag("force_full", forceFull) ? SyncType.FULL : SyncType.INCREMENTAL;
        SyncPreview preview;
        try {
            preview = manager.preview(requested);
        } catch (IOException e) {
            // SyncSourceException has its own mapper (502); a bare I/O failure means the source is unreachable.
            log.warn("Preview could not read the contact source: {}", e.toString());
            throw ApiException.unavailable("Could not read the contact source for the preview ("
                    + e.getClass().getSimpleName() + "). Check that it is reachable and try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("The preview was interrupted; try again.");
        }
        return SyncJson.preview(preview);
    }

    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live status as Server-Sent Events",
            description = "A status event at once and on every change (data: the status JSON), a finished event "
                    + "when a run ends, a keep-alive comment every 15 s; ids increase, retry: 3000.",
            responses = @ApiResponse(responseCode = "200", description = "The event stream",
                    content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = "string"),
                            examples = @ExampleObject(value = OpenApiExamples.EVENTS))))
    public void events(@Context SseEventSink sink, @Context Sse sse) {
        events.subscribe(sink, sse);
    }

    /** What a trigger will actually run: an incremental request with no stored cursor runs as a full sync. */
    private List<SyncJson.HistoryItem> exportItems() {
        Instant now = Instant.now();
        List<SyncJson.HistoryItem> items = new ArrayList<>();
        int offset = 0;
        while (items.size() < EXPORT_MAX_RUNS) {
            Page<SyncRun> page = manager.history(Math.min(EXPORT_PAGE, EXPORT_MAX_RUNS - items.size()), offset);
            page.items().forEach(r -> items.add(SyncJson.historyItem(r, now)));
            offset += page.items().size();
            if (page.items().isEmpty() || !page.hasMore()) {
                break;
            }
        }
        return items;
    }

    private static Response download(Object body, String type, String fileName) {
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .build();
    }
}
