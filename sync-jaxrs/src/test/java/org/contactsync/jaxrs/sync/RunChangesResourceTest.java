package org.contactsync.jaxrs.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.fieldNames;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.contact.Contact;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sync/runs/{id}/changes}: a run's list of changed contacts, paged, and the preview's list. */
class RunChangesResourceTest {
    private final ScriptedSyncEngine engine = new ScriptedSyncEngine().put(TestContacts.people(5));
    private final SyncFixture sync = new SyncFixture(engine);
    private final SyncManager manager = sync.newNode("capped", b -> b.changesPerRun(3));
    private final ApiHarness api = ApiHarness.builder().sync(sync, manager).build();

    @AfterEach
    void stop() {
        api.close();
        sync.close();
    }

    @Test
    void aRunsChangesArePagedWithTheirTotalAndTheCountBeyondTheCap() throws Exception {
        SyncRun run = SyncFixture.runToEnd(manager, SyncType.FULL);

        JsonNode page = get("api/sync/runs/" + run.id() + "/changes?limit=2&offset=1", 200);

        assertThat(fieldNames(page)).containsExactly("run_id", "items", "total", "limit", "offset", "beyond_cap");
        assertThat(page.get("run_id").asLong()).isEqualTo(run.id());
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("beyond_cap").asLong()).isEqualTo(2);
        assertThat(page.get("items")).hasSize(2);
        JsonNode first = page.get("items").get(0);
        assertThat(fieldNames(first)).containsExactly("kind", "source_id", "display_name", "source");
        assertThat(first.get("kind").asText()).isEqualTo("add");
        assertThat(first.get("display_name").asText()).isEqualTo("Person 002");
        assertThat(first.get("source").asText()).isEqualTo(Contact.DEFAULT_SOURCE);
    }

    @Test
    void theListCanBeFilteredByKindAndADeletionShowsTheNameTheContactHad() throws Exception {
        SyncFixture.runToEnd(manager, SyncType.FULL);
        Contact gone = engine.contacts().get(0);
        engine.remove(gone.sourceId());
        SyncRun run = SyncFixture.runToEnd(manager, SyncType.FULL);

        JsonNode deleted = get("api/sync/runs/" + run.id() + "/changes?kind=DELETE", 200);

        assertThat(deleted.get("items")).hasSize(1);
        assertThat(deleted.at("/items/0/display_name").asText()).isEqualTo(gone.displayName());
        assertThat(deleted.at("/items/0/source_id").asText()).isEqualTo(gone.sourceId());
        assertThat(get("api/sync/runs/" + run.id() + "/changes?kind=add", 200).get("total").asLong()).isZero();
    }

    @Test
    void namesAreSentAsTheyAreForThePageToShowAsText() throws Exception {
        List<Contact> hostile = new ArrayList<>(TestContacts.hostile());
        engine.put(hostile);
        SyncManager uncapped = sync.newNode("uncapped");
        SyncRun run = SyncFixture.runToEnd(uncapped, SyncType.FULL);
        ApiHarness other = ApiHarness.builder().sync(sync, uncapped).build();
        try {
            JsonNode page = json(other.admin("api/sync/runs/" + run.id() + "/changes?limit=100").get());
            List<String> names = new ArrayList<>();
            page.get("items").forEach(i -> names.add(i.get("display_name").asText()));
            assertThat(names).containsAll(TestContacts.HOSTILE_NAMES);
        } finally {
            other.close();
        }
    }

    @Test
    void anUnknownRunIs404AndBadPagingOrKindIs400WithASentence() throws Exception {
        SyncRun run = SyncFixture.runToEnd(manager, SyncType.FULL);
        String changes = "api/sync/runs/" + run.id() + "/changes";

        assertThat(get("api/sync/runs/999/changes", 404).get("detail").asText())
                .isEqualTo("No sync run with id 999.");
        assertThat(get("api/sync/runs/abc/changes", 404).get("detail").asText()).contains("No sync run");
        assertThat(get(changes + "?limit=0", 400).get("detail").asText()).startsWith("limit must be between 1 and 100");
        assertThat(get(changes + "?offset=-1", 400).get("detail").asText()).startsWith("offset must be 0 or more");
        assertThat(get(changes + "?kind=moved", 400).get("detail").asText())
                .isEqualTo("kind must be add, update or delete, was 'moved'. Leave it out to list every kind.");
    }

    @Test
    void thePreviewListsWhatTheRunThenListsWithTheSameCap() throws Exception {
        JsonNode preview = json(api.admin("api/sync/preview?force_full=true").post(null));
        SyncRun run = SyncFixture.runToEnd(manager, SyncType.FULL);
        JsonNode recorded = get("api/sync/runs/" + run.id() + "/changes", 200);

        assertThat(preview.get("changes")).isEqualTo(recorded.get("items"));
        assertThat(preview.get("beyond_cap").asLong()).isEqualTo(recorded.get("beyond_cap").asLong()).isEqualTo(2);
        assertThat(preview.get("truncated").asBoolean()).isTrue();
    }

    private JsonNode get(String path, int status) {
        Response r = api.admin(path).get();
        assertThat(r.getStatus()).as(path).isEqualTo(status);
        assertThat(r.getMediaType().toString()).startsWith("application/json");
        return json(r);
    }
}
