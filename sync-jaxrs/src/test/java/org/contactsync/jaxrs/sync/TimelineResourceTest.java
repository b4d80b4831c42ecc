package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.audit.ConfigEvent;
import org.contactsync.audit.InMemoryConfigEventLog;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sync/timeline}: runs and configuration changes in one list, newest first, paged. */
class TimelineResourceTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryConfigEventLog events = new InMemoryConfigEventLog(clock);
    private ApiHarness api;

    @BeforeEach
    void start() {
        api = ApiHarness.builder().feature(f -> f.configEvents(events)).build();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A run, then a change recorded a moment after it started. */
    private SyncRun runThenChange(String summary, String actor) throws Exception {
        SyncRun run = api.sync().runToEnd(SyncType.INCREMENTAL);
        clock.set(run.startedAt().plus(Duration.ofMillis(1)));
        events.record(ConfigEvent.of(ConfigEvent.KIND_SCHEDULE, actor, summary, null));
        clock.advance(Duration.ofMillis(1));
        return run;
    }

    private static List<String> labels(JsonNode page) {
        List<String> labels = new ArrayList<>();
        for (JsonNode item : page.get("timeline")) {
            labels.add(item.get("type").asText().equals("run") ? "run " + item.at("/run/id").asLong()
                    : item.at("/config/summary").asText() + " by " + item.at("/config/actor").asText());
        }
        return labels;
    }

    @Test
    void runsAndChangesComeInterleavedNewestFirstEachSayingWhatItIs() throws Exception {
        SyncRun first = runThenChange("Automatic syncs paused.", "system");
        Thread.sleep(5);
        SyncRun second = runThenChange("Automatic syncs resumed.", "alice");

        JsonNode page = json(api.admin("api/sync/timeline").get());

        assertThat(labels(page)).containsExactly("Automatic syncs resumed. by alice", "run " + second.id(),
                "Automatic syncs paused. by system", "run " + first.id());
        assertThat(page.get("total").asLong()).isEqualTo(4);
        JsonNode change = page.at("/timeline/0");
        assertThat(ApiHarness.fieldNames(change)).containsExactly("type", "at", "run", "config");
        assertThat(change.get("run").isNull()).isTrue();
        assertThat(change.at("/config/kind").asText()).isEqualTo("schedule");
        assertThat(change.at("/config/source").asText()).isEqualTo("default");
        JsonNode run = page.at("/timeline/1");
        assertThat(run.get("config").isNull()).isTrue();
        assertThat(run.get("at").asText()).isEqualTo(run.at("/run/started_at").asText());
        assertThat(run.at("/run/state").asText()).isEqualTo("completed");
    }

    @Test
    void pagesThroughTheMergedListWithLimitAndOffset() throws Exception {
        for (int i = 1; i <= 3; i++) {
            runThenChange("Change " + i + ".", "bob");
            Thread.sleep(5);
        }
        List<String> all = labels(json(api.admin("api/sync/timeline?limit=100").get()));

        JsonNode second = json(api.admin("api/sync/timeline?limit=2&offset=2").get());
        JsonNode beyond = json(api.admin("api/sync/timeline?limit=2&offset=6").get());

        assertThat(all).hasSize(6);
        assertThat(labels(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(second.get("total").asLong()).isEqualTo(6);
        assertThat(second.get("limit").asInt()).isEqualTo(2);
        assertThat(second.get("offset").asInt()).isEqualTo(2);
        assertThat(labels(beyond)).isEmpty();
    }

    @Test
    void theHistoryKeepsItsRunsOnlyShape() throws Exception {
        runThenChange("Automatic syncs paused.", "system");

        JsonNode history = json(api.admin("api/sync/history").get());

        assertThat(ApiHarness.fieldNames(history)).containsExactly("history", "total", "limit", "offset");
        assertThat(history.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aPageTooDeepOrABadLimitIsRefusedWithASentence() {
        Response deep = api.admin("api/sync/timeline?limit=100&offset=9950").get();
        Response bad = api.admin("api/sync/timeline?limit=lots").get();

        assertThat(deep.getStatus()).isEqualTo(400);
        assertThat(json(deep).get("detail").asText()).startsWith("The timeline can be paged 10000 items deep");
        assertThat(bad.getStatus()).isEqualTo(400);
    }

    @Test
    void theViewerReadsTheTimelineToo() {
        assertThat(api.viewer("api/sync/timeline").get().getStatus()).isEqualTo(200);
    }
}
