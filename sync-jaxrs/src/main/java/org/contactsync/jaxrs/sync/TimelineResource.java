package org.contactsync.jaxrs.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.contactsync.Page;
import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.ConfigEventLog;
import org.contactsync.jaxrs.RequiresAdmin;
import org.contactsync.jaxrs.openapi.OpenApiExamples;
import org.contactsync.jaxrs.support.ApiException;
import org.contactsync.jaxrs.support.Params;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;

/**
 * {@code GET /api/sync/timeline}: the sync runs and the configuration changes that matter (source, group selection,
 * the Google account, pausing and resuming) in one list, newest first, each item saying which it is. Runs are placed
 * by when they started. The history ({@code /api/sync/history}) keeps its runs-only shape.
 */
@Path("api/sync/timeline")
@RequiresAdmin
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sync")
public final class TimelineResource {
    /** How far the timeline can be paged (offset + limit). */
    static final int MAX_DEPTH = 10_000;
    private static final int READ_PAGE = 100;

    private final SyncManager manager;
    private final ConfigEventLog events;

    public TimelineResource(SyncManager manager, ConfigEventLog events) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.events = Objects.requireNonNull(events, "events");
    }

    @GET
    @Operation(summary = "Runs and configuration changes, newest first",
            description = "Each item has type run (with the history's run fields) or config (what changed and who "
                    + "did it: a user's name, configuration for a change found at start, or system).",
            responses = {
                    @ApiResponse(responseCode = "200", description = "One page of the timeline",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(implementation = Timeline.class),
                                    examples = @ExampleObject(value = OpenApiExamples.TIMELINE))),
                    @ApiResponse(responseCode = "400", description = "limit or offset out of range or not a number",
                            content = @Content(mediaType = "application/json",
                                    schema = @Schema(ref = OpenApiExamples.ERROR_REF),
                                    examples = @ExampleObject(value = OpenApiExamples.BAD_LIMIT)))})
    public Timeline timeline(
            @Parameter(description = OpenApiExamples.LIMIT, schema = @Schema(type = "integer", minimum = "1",
                    maximum = "100", defaultValue = "10")) @QueryParam("limit") String limit,
            @Parameter(description = "How many items to skip (offset + limit at most 10000)",
                    schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @QueryParam("offset")
            String offset) {
        int size = Params.limit(limit, 10);
        int skip = Params.offset(offset);
        if ((long) skip + size > MAX_DEPTH) {
            throw ApiException.badRequest("The timeline can be paged " + MAX_DEPTH + " items deep; offset " + skip
                    + " with limit " + size + " goes beyond. Download the history for older runs.");
        }
        int depth = skip + size;
        Instant now = Instant.now();
        Newest<SyncRun> runs = newest(depth, manager::history);
        Newest<ConfigEvent> changes = newest(depth, events::page);
        List<TimelineItem> merged = new ArrayList<>(runs.items.size() + changes.items.size());
        runs.items.forEach(r -> merged.add(new TimelineItem("run", r.startedAt(), SyncJson.historyItem(r, now), null)));
        changes.items.forEach(e -> merged.add(new TimelineItem("config", e.at(), null, ConfigChange.of(e))));
        // Stable: among equal times runs stay before changes, each in its own newest-first order.
        merged.sort(Comparator.comparing(TimelineItem::at, Comparator.nullsLast(Comparator.reverseOrder())));
        List<TimelineItem> page = merged.subList(Math.min(skip, merged.size()), Math.min(depth, merged.size()));
        return new Timeline(List.copyOf(page), runs.total + changes.total, size, skip);
    }

    private record Newest<T>(List<T> items, long total) {
    }

    /** The newest {@code depth} items of a newest-first paged list, read a page at a time. */
    private static <T> Newest<T> newest(int depth, BiFunction<Integer, Integer, Page<T>> pages) {
        List<T> items = new ArrayList<>();
        long total = 0;
        while (true) {
            Page<T> page = pages.apply(Math.min(READ_PAGE, depth - items.size()), items.size());
            total = page.total();
            items.addAll(page.items());
            if (items.size() >= depth || page.items().isEmpty() || !page.hasMore()) {
                return new Newest<>(items, total);
            }
        }
    }

    /**
     * One entry: {@code run} is set for a run, {@code config} for a configuration change.
     *
     * @param type "run" or "config"
     * @param at   when the run started, or when the change was made
     */
    public record TimelineItem(@Schema(allowableValues = {"run", "config"}) String type, Instant at,
                               SyncJson.HistoryItem run, ConfigChange config) {
    }

    /**
     * @param actor who made it: a user's name, "configuration" (found at start) or "system" (automatic)
     */
    public record ConfigChange(String kind, String actor, String summary, String source) {
        static ConfigChange of(ConfigEvent e) {
            return new ConfigChange(e.kind(), e.actor(), e.summary(), e.source());
        }
    }

    public record Timeline(List<TimelineItem> timeline, long total, int limit, int offset) {
    }
}
