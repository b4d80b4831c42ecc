package org.contactsync.jaxrs.sync;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

import org.contactsync.Page;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Params;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncPreview;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /api/sync}: run, watch, cancel and preview syncs, and read their history. Administrator only. */
@Path("api/sync")
@RequiresAdmin
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
    public SyncJson.Status status() {
        return SyncJson.status(manager.status());
    }

    @POST
    @Path("trigger")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    public SyncJson.Started trigger(@QueryParam("force_full") String forceFull) {
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
    public SyncJson.History history(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Page<SyncRun> page = manager.history(Params.limit(limit, 10), Params.offset(offset));
        return SyncJson.history(page, Instant.now());
    }

    @GET
    @Path("history.json")
    public Response historyJson() {
        List<SyncJson.HistoryItem> items = exportItems();
        SyncJson.History all = new SyncJson.History(items, items.size(), items.size(), 0);
        return download(all, MediaType.APPLICATION_JSON, "contactsync-history.json");
    }

    @GET
    @Path("history.csv")
    @Produces("text/csv")
    public Response historyCsv() {
        return download(HistoryCsv.write(exportItems()), "text/csv; charset=utf-8", "contactsync-history.csv");
    }

    @GET
    @Path("info")
    public SyncJson.Info info() {
        return SyncJson.info(manager.info());
    }

    @GET
    @Path("runs/{id}")
    public SyncJson.Status run(@PathParam("id") String id) {
        long runId = Params.id(id, "sync run");
        return manager.run(runId).map(r -> SyncJson.status(r, Instant.now()))
                .orElseThrow(() -> ApiException.notFound("No sync run with id " + runId + "."));
    }

    @POST
    @Path("cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    public SyncJson.Cancelled cancel() {
        SyncRun run = manager.cancel().orElseThrow(() -> ApiException.conflict("No sync is running, so there is "
                + "nothing to cancel."));
        return new SyncJson.Cancelled("Cancel requested; the sync stops after the contact it is working on.",
                run.id());
    }

    @POST
    @Path("preview")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_FORM_URLENCODED})
    public SyncJson.Preview preview(@QueryParam("force_full") String forceFull) throws Exception {
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
