package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.contact.SearchText;
import org.contactsync.google.StoredGoogleToken;
import org.contactsync.sync.OpenResult;
import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Upgrading a database made by the release before the {@code cs_} prefix (migrations V1 and V100, history table
 * {@code contactsync_schema_history}): everything it held is found through the stores afterwards, and every name in
 * the schema carries the prefix. Each database's test only says how to reach an empty database.
 */
abstract class SchemaUpgradeContract {
    private static final Instant CONNECTED = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant STARTED = Instant.parse("2025-03-02T09:00:00Z");
    private static final Instant UPDATED = Instant.parse("2025-02-28T17:45:10.250Z");

    private ContactSyncDatabase db;

    /** Settings of an empty database (or schema) of its own. */
    protected abstract JdbcSettings emptyDatabase();

    /** Names of every table, index, constraint and sequence in the database's ContactSync schema. */
    protected abstract List<String> schemaObjectNames(Connection c) throws SQLException;

    /** Drops what {@link #emptyDatabase()} made, after the database is closed. */
    protected void release() {
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        release();
    }

    @Test
    void aDatabaseOfThePreviousReleaseKeepsEveryContactRunCursorAndTokenThroughTheUpgrade() throws SQLException {
        JdbcSettings settings = emptyDatabase();
        createPreviousRelease(settings);

        db = ContactSyncDatabase.open(settings);

        JdbcContactStore contacts = db.contactStore();
        assertThat(contacts.count()).isEqualTo(2);
        Contact anna = contacts.findBySourceId("people/c1").orElseThrow();
        assertThat(anna.id()).isEqualTo(1);
        assertThat(anna.source()).as("rows of the single-source release belong to the default source")
                .isEqualTo(Contact.DEFAULT_SOURCE);
        assertThat(anna.displayName()).isEqualTo("Anna Łukasiewicz");
        assertThat(anna.givenName()).isEqualTo("Anna");
        assertThat(anna.familyName()).isEqualTo("Łukasiewicz");
        assertThat(anna.organization()).isEqualTo("Acme");
        assertThat(anna.emails()).containsExactly("anna@example.com", "a.l@example.org");
        assertThat(anna.groups()).containsExactly("Friends");
        assertThat(anna.etag()).isEqualTo("%EgUBAi43PRoEAQIFByIMSk9");
        assertThat(anna.updatedAt()).isEqualTo(UPDATED);
        assertThat(anna.phones()).containsExactly(new PhoneNumber("+49 30 1234567", PhoneType.WORK, null, true),
                new PhoneNumber("0171 555 0101", PhoneType.MOBILE, null, false));
        assertThat(contacts.contentHashes(List.of("people/c1"))).containsEntry("people/c1", anna.contentHash());
        assertThat(contacts.findById(2)).get().extracting(Contact::sourceId).isEqualTo("people/c2");
        assertThat(contacts.search(new ContactQuery("5550101", 10, 0)).items()).extracting(Contact::sourceId)
                .containsExactly("people/c1");
        assertThat(contacts.search(new ContactQuery("łukas", 10, 0)).items()).extracting(Contact::sourceId)
                .containsExactly("people/c1");
        assertThat(contacts.version()).isEqualTo(7);

        JdbcSyncStateStore state = db.syncStateStore();
        assertThat(state.history(10, 0).items()).extracting(SyncRun::id, SyncRun::status)
                .containsExactly(tuple(2L, RunStatus.ERROR),
                        tuple(1L, RunStatus.COMPLETED));
        SyncRun first = state.lastCompletedRun().orElseThrow();
        assertThat(first.id()).isEqualTo(1);
        assertThat(first.trigger()).isEqualTo(SyncTrigger.SCHEDULED);
        assertThat(first.startedAt()).isEqualTo(STARTED);
        assertThat(first.completedAt()).isEqualTo(STARTED.plusSeconds(42));
        assertThat(first.stats()).isEqualTo(new SyncStats(2, 0, 0, 0, 0));
        assertThat(state.findRun(2)).get().extracting(SyncRun::error)
                .isEqualTo("Could not reach Google. Check the network and run the sync again.");
        assertThat(state.cursor("google:default")).contains("CgsI2o6XwAYQ");

        // The one Google account of before is the source "default"'s (V125), and so is its pending connect.
        assertThat(db.googleTokenStore().load())
                .contains(new StoredGoogleToken("v1:encrypted-token", "admin@example.com", CONNECTED));
        assertThat(db.googleTokenStore("staff").load()).isEmpty();
        assertThat(db.googleTokenStore("staff").consumePendingState("state-hash", CONNECTED)).isFalse();
        assertThat(db.googleTokenStore().consumePendingState("state-hash", CONNECTED)).isTrue();

        assertThat(historyVersions()).containsSubsequence("1", "100", "101", "130", "130.1", "130.2");
        assertThat(schemaObjectNames()).doesNotContain(ContactSyncDatabase.LEGACY_HISTORY_TABLE);
    }

    @Test
    void anUpgradedDatabaseKeepsItsKeysConstraintsAndCascades() throws SQLException {
        JdbcSettings settings = emptyDatabase();
        createPreviousRelease(settings);
        db = ContactSyncDatabase.open(settings);

        // New ids continue after the old ones.
        db.contactStore().write(List.of(Contact.builder("people/c3").displayName("Carla").build()), List.of());
        assertThat(db.contactStore().findBySourceId("people/c3")).get().extracting(Contact::id)
                .satisfies(id -> assertThat(id).isGreaterThan(2L));
        // A deleted contact's phones go with it (since V130 they are in its row; the table of phone rows is gone).
        db.contactStore().write(List.of(), List.of("people/c1"));
        assertThat(db.contactStore().search(new ContactQuery("5550101", 10, 0)).items()).isEmpty();
        assertThat(schemaObjectNames()).map(name -> name.toLowerCase(Locale.ROOT)).doesNotContain("cs_contact_phones");
        // One running run at a time, and new run ids continue too.
        OpenResult opened = db.syncStateStore().openRun(new RunRequest(SyncType.FULL, SyncTrigger.MANUAL), "node-a",
                Duration.ofMinutes(1));
        assertThat(opened).isInstanceOfSatisfying(OpenResult.Opened.class,
                o -> assertThat(o.run().id()).isGreaterThan(2L));
        assertThat(db.syncStateStore().openRun(new RunRequest(SyncType.FULL, SyncTrigger.MANUAL), "node-b",
                Duration.ofMinutes(1))).isInstanceOf(OpenResult.Busy.class);
    }

    @Test
    void everyTableIndexAndConstraintOfANewDatabaseCarriesThePrefix() throws SQLException {
        db = ContactSyncDatabase.open(emptyDatabase());

        assertThat(schemaObjectNames()).isNotEmpty()
                .allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT)).startsWith("cs_"));
    }

    @Test
    void everyNameOfAnUpgradedDatabaseCarriesThePrefix() throws SQLException {
        JdbcSettings settings = emptyDatabase();
        createPreviousRelease(settings);
        db = ContactSyncDatabase.open(settings);

        assertThat(schemaObjectNames()).isNotEmpty()
                .allSatisfy(name -> assertThat(name.toLowerCase(Locale.ROOT)).startsWith("cs_"));
    }

    private List<String> schemaObjectNames() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            return schemaObjectNames(c);
        }
    }

    private List<String> historyVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT \"version\" FROM \"" + ContactSyncDatabase.HISTORY_TABLE
                     + "\" WHERE \"success\" = TRUE ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    /** The schema and rows as the release before V101 made and wrote them. */
    protected static void createPreviousRelease(JdbcSettings settings) throws SQLException {
        Dialect dialect = settings.dialect();
        try (HikariDataSource ds = DataSources.create(settings.withPoolSize(2), "previous-release")) {
            var flyway = Flyway.configure(SchemaUpgradeContract.class.getClassLoader()).dataSource(ds)
                    .locations(dialect.migrationLocation()).table(ContactSyncDatabase.LEGACY_HISTORY_TABLE)
                    .target("100");
            if (settings.schema() != null) {
                flyway = flyway.schemas(settings.schema());
            }
            assertThat(flyway.load().migrate().targetSchemaVersion).isEqualTo("100");
            try (Connection c = ds.getConnection()) {
                insertContact(c, dialect, 1, Contact.builder("people/c1").displayName("Anna Łukasiewicz")
                        .givenName("Anna").familyName("Łukasiewicz").organization("Acme")
                        .phone(new PhoneNumber("+49 30 1234567", PhoneType.WORK, null, true))
                        .phone(new PhoneNumber("0171 555 0101", PhoneType.MOBILE, null, false))
                        .email("anna@example.com").email("a.l@example.org").group("Friends")
                        .etag("%EgUBAi43PRoEAQIFByIMSk9").updatedAt(UPDATED).build());
                insertContact(c, dialect, 2, Contact.builder("people/c2").displayName("Bruno").build());
                update(c, "UPDATE contact_store_version SET version = 7 WHERE id = 1");
                insertRun(c, dialect, "SCHEDULED", "COMPLETED", 2, null);
                insertRun(c, dialect, "MANUAL", "ERROR", 0,
                        "Could not reach Google. Check the network and run the sync again.");
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sync_cursors (cursor_key, cursor_value, updated_at) VALUES (?, ?, ?)")) {
                    ps.setString(1, "google:default");
                    ps.setString(2, "CgsI2o6XwAYQ");
                    dialect.setInstant(ps, 3, STARTED.plusSeconds(42));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO cs_google_credential "
                        + "(id, encrypted_refresh_token, account_email, connected_at) VALUES (?, ?, ?, ?)")) {
                    Columns.bindAll(ps, List.of("default", "v1:encrypted-token", "admin@example.com"));
                    dialect.setInstant(ps, 4, CONNECTED);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO cs_google_oauth_state (state_hash, expires_at) VALUES (?, ?)")) {
                    ps.setString(1, "state-hash");
                    dialect.setInstant(ps, 2, CONNECTED.plus(Duration.ofMinutes(10)));
                    ps.executeUpdate();
                }
            }
        }
    }

    /** As the previous release wrote a contact: one row, lists one item a line, phones in order. */
    private static void insertContact(Connection c, Dialect dialect, long expectedId, Contact contact)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts (source_id, display_name, name_folded, "
                + "given_name, family_name, organization, org_folded, emails, group_names, etag, content_hash, "
                + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String org = contact.organization();
            Columns.bindAll(ps, Arrays.asList(contact.sourceId(), contact.displayName(),
                    SearchText.fold(contact.displayName()), contact.givenName(), contact.familyName(), org,
                    org == null ? null : SearchText.fold(org), Columns.encodeList(contact.emails()),
                    Columns.encodeList(contact.groups()), contact.etag(), contact.contentHash()));
            dialect.setInstant(ps, 12, contact.updatedAt());
            ps.executeUpdate();
        }
        int order = 0;
        for (PhoneNumber phone : contact.phones()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact_phones (contact_id, sort_order, "
                    + "phone_number, phone_type, digits, is_primary) VALUES (?, ?, ?, ?, ?, ?)")) {
                Columns.bindAll(ps, List.of(expectedId, order++, phone.number(), phone.type().name(), phone.digits(),
                        phone.primary()));
                ps.executeUpdate();
            }
        }
    }

    private static void insertRun(Connection c, Dialect dialect, String trigger, String status, int added,
                                  String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sync_runs (requested_type, run_type, "
                + "run_trigger, status, started_at, completed_at, contacts_added, percent_done, current_operation, "
                + "error_message, owner_id) VALUES ('FULL', 'FULL', ?, ?, ?, ?, ?, 100, ?, ?, 'node-a')")) {
            ps.setString(1, trigger);
            ps.setString(2, status);
            dialect.setInstant(ps, 3, STARTED);
            dialect.setInstant(ps, 4, STARTED.plusSeconds(42));
            ps.setInt(5, added);
            ps.setString(6, error == null ? "Completed" : "Failed");
            Columns.bind(ps, 7, error);
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
