package org.contactsync.jaxrs.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contactsync.jaxrs.testkit.ApiHarness.json;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.ws.rs.core.Response;

import org.contactsync.directory.CiscoDirectory;
import org.contactsync.health.HealthChecker;
import org.contactsync.health.HealthChecks;
import org.contactsync.health.SyncFreshness;
import org.contactsync.jaxrs.testkit.ApiHarness;
import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.SyncType;
import org.contactsync.testkit.MutableClock;
import org.contactsync.testkit.ScriptedSyncEngine;
import org.contactsync.testkit.SyncFixture;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /health} and {@code /health/ready} in each state, over a real Derby database and a real sync manager. */
class HealthResourceTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private ContactSyncDatabase db;
    private SyncFixture sync;
    private ApiHarness api;
    private String dbName;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The API over a Derby database (existing only while the test keeps it), with every shipped check. */
    private void startOnDerby(boolean migrate) throws SQLException {
        dbName = "health" + DATABASES.incrementAndGet();
        DriverManager.getConnection("jdbc:derby:memory:" + dbName + ";create=true").close();
        // No create=true: once dropped, the database stays gone, as a stopped server would.
        db = ContactSyncDatabase.configure()
                .settings(new JdbcSettings("jdbc:derby:memory:" + dbName, null, null, 2, Duration.ofMillis(500), null))
                .migrate(migrate)
                .load();
        ScriptedSyncEngine engine = new ScriptedSyncEngine().put(TestContacts.people(3));
        sync = migrate ? new SyncFixture(engine, db.syncStateStore(), db.contactStore()) : new SyncFixture(engine);
        CiscoDirectory directory = new CiscoDirectory(migrate ? db.contactStore() : sync.contacts());
        HealthChecker checker = HealthChecker.builder()
                .check("database", HealthChecks.database(db))
                .check("schema", HealthChecks.schema(db))
                .check("directory", HealthChecks.directory(directory::snapshot))
                .check("sync", HealthChecks.syncFreshness(new SyncFreshness(sync.stateStore(), Duration.ofHours(1))))
                .build();
        api = ApiHarness.builder().sync(sync, sync.manager()).feature(f -> f.health(checker)).build();
    }

    private void dropDatabase() {
        try {
            DriverManager.getConnection("jdbc:derby:memory:" + dbName + ";drop=true").close();
        } catch (SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("08006");
        }
    }

    private JsonNode ready(int expectedStatus) {
        Response r = api.target("health/ready").request().get();
        assertThat(r.getStatus()).isEqualTo(expectedStatus);
        assertThat(r.getMediaType().toString()).startsWith("application/json");
        assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
        return json(r);
    }

    @Test
    void readinessIsUpWhenTheDatabaseAnswersTheSchemaIsCurrentTheDirectoryLoadedAndASyncSucceeded() throws Exception {
        startOnDerby(true);
        sync.runToEnd(SyncType.FULL);

        JsonNode body = ready(200);
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("checked_at").asText()).endsWith("Z");
        assertThat(ApiHarness.fieldNames(body.get("checks"))).containsExactly("database", "schema", "directory", "sync");
        body.get("checks").forEach(c -> assertThat(c.get("status").asText()).isEqualTo("up"));
        assertThat(body.at("/checks/sync/message").asText()).startsWith("The last successful sync ended");
    }

    @Test
    void livenessAndReadinessNeedNoLogin() throws Exception {
        startOnDerby(true);
        Response live = api.target("health").request().get();
        assertThat(live.getStatus()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("up");
        ready(200);
    }

    @Test
    void aStoppedDatabaseMakesReadinessDownWithoutSecretsWhileLivenessStaysUp() throws Exception {
        startOnDerby(true);
        sync.runToEnd(SyncType.FULL);
        ready(200);

        dropDatabase();

        JsonNode body = ready(503);
        assertThat(body.get("status").asText()).isEqualTo("down");
        assertThat(body.at("/checks/database/status").asText()).isEqualTo("down");
        assertThat(body.at("/checks/database/message").asText())
                .isEqualTo("The database cannot be reached. Check that it is running and that this server can "
                        + "connect to it; the server log has the details.");
        assertThat(body.at("/checks/schema/status").asText()).isEqualTo("down");
        // Phones keep being served from the snapshot in memory.
        assertThat(body.at("/checks/directory/status").asText()).isEqualTo("up");
        assertThat(body.toString()).doesNotContain("jdbc", "derby", "memory:", "SQLException", "Exception");

        Response live = api.target("health").request().get();
        assertThat(live.getStatus()).isEqualTo(200);
        live.close();
    }

    @Test
    void aSchemaThatIsNotMigratedMakesReadinessDown() throws Exception {
        startOnDerby(false);

        JsonNode body = ready(503);
        assertThat(body.at("/checks/database/status").asText()).isEqualTo("up");
        assertThat(body.at("/checks/schema/status").asText()).isEqualTo("down");
        assertThat(body.at("/checks/schema/message").asText()).matches("The database schema is \\d+ migrations? "
                + "behind this version\\. Restart the application so it can upgrade the schema\\.");
    }

    @Test
    void aDirectoryThatCannotBeLoadedMakesReadinessDown() throws Exception {
        startOnDerby(true);
        // Nothing was served yet, so the directory has no snapshot to fall back on.
        dropDatabase();

        JsonNode body = ready(503);
        assertThat(body.at("/checks/directory/status").asText()).isEqualTo("down");
        assertThat(body.at("/checks/directory/message").asText()).startsWith("The phone directory could not be loaded");
    }

    @Test
    void noSuccessfulSyncForLongerThanStaleAfterIsStaleButStillReady() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        ScriptedSyncEngine engine = new ScriptedSyncEngine().put(TestContacts.people(2));
        sync = new SyncFixture(engine, clock);
        SyncFreshness freshness = new SyncFreshness(sync.stateStore(), Duration.ofMinutes(45));
        api = ApiHarness.builder().sync(sync, sync.manager())
                .feature(f -> f.health(HealthChecker.builder()
                        .check("sync", HealthChecks.syncFreshness(freshness)).build()))
                .build();

        assertThat(ready(200).at("/checks/sync/message").asText())
                .isEqualTo("No sync has completed yet; the first one is due.");
        clock.advance(Duration.ofMinutes(46));
        JsonNode neverSynced = ready(200);
        assertThat(neverSynced.get("status").asText()).isEqualTo("stale");
        assertThat(neverSynced.at("/checks/sync/message").asText()).startsWith("No sync has completed since the "
                + "server started 46m ago (more than the 45m allowed)");

        sync.runToEnd(SyncType.FULL);
        assertThat(ready(200).get("status").asText()).isEqualTo("up");

        engine.failNextRuns(3, new IllegalStateException("source down"));
        clock.advance(Duration.ofMinutes(20));
        sync.runToEnd(SyncType.FULL);
        assertThat(ready(200).get("status").asText()).as("one failed run is not stale yet").isEqualTo("up");
        clock.advance(Duration.ofMinutes(30));
        JsonNode stale = ready(200);
        assertThat(stale.get("status").asText()).isEqualTo("stale");
        assertThat(stale.at("/checks/sync/status").asText()).isEqualTo("stale");
        assertThat(stale.at("/checks/sync/message").asText()).isEqualTo("No sync has succeeded for 50m (more than "
                + "the 45m allowed), so the contacts may be out of date. Open the sync page to see why the last runs "
                + "failed, and run a sync.");
    }

    @Test
    void withoutChecksReadinessAnswersUp() {
        api = ApiHarness.builder().build();
        JsonNode body = ready(200);
        assertThat(body.get("status").asText()).isEqualTo("up");
        assertThat(body.get("checks").size()).isZero();
    }
}
