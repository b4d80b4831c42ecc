package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.OpenResult;
import org.contactsync.sync.RunOutcome;
import org.contactsync.sync.RunRequest;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncStats;
import org.contactsync.sync.SyncTrigger;
import org.contactsync.sync.SyncType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

class ContactSyncDatabaseTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aFileDatabaseUnderTheDataDirectoryKeepsItsDataAcrossRestarts() {
        JdbcSettings settings = JdbcSettings.derbyFile(dataDirectory);
        long runId;
        try (ContactSyncDatabase db = ContactSyncDatabase.open(settings)) {
            db.contactStore().write(List.of(Contact.builder("c1").displayName("Anna").phone("030 1234",
                    PhoneType.HOME).build()), List.of());
            runId = ((OpenResult.Opened) db.syncStateStore().openRun(new RunRequest(SyncType.FULL,
                    SyncTrigger.MANUAL), "node", Duration.ofMinutes(1))).run().id();
            db.syncStateStore().finishRun(runId, "node", new RunOutcome(RunStatus.COMPLETED, SyncType.FULL,
                    new SyncStats(1, 0, 0, 0, 0), null, null));
            db.syncStateStore().saveCursor("vcard", "hash");
        }

        try (ContactSyncDatabase db = ContactSyncDatabase.open(settings)) {
            assertThat(db.dialect()).isEqualTo(Dialect.DERBY);
            assertThat(db.contactStore().findBySourceId("c1")).get().extracting(Contact::displayName)
                    .isEqualTo("Anna");
            assertThat(db.syncStateStore().lastCompletedRun()).get()
                    .satisfies(r -> assertThat(r.id()).isEqualTo(runId))
                    .satisfies(r -> assertThat(r.stats().added()).isEqualTo(1));
            assertThat(db.syncStateStore().cursor("vcard")).contains("hash");
        }
        assertThat(dataDirectory.resolve("contactsync")).isDirectory();
    }

    @Test
    void migrationsRunOnceAndAreRecordedInContactSyncsOwnHistoryTable() throws SQLException {
        JdbcSettings settings = JdbcSettings.derbyFile(dataDirectory);
        ContactSyncDatabase.open(settings).close();

        try (ContactSyncDatabase db = ContactSyncDatabase.open(settings);
             Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT \"version\", \"success\" FROM \""
                     + ContactSyncDatabase.HISTORY_TABLE + "\" ORDER BY \"installed_rank\"");
             ResultSet rs = ps.executeQuery()) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).isTrue();
                versions.add(rs.getString(1));
            }
            assertThat(versions).contains("1").doesNotHaveDuplicates();
        }
    }

    @Test
    void closingShutsTheFileDatabaseDownSoNothingIsLeftOpen() throws SQLException {
        ContactSyncDatabase db = ContactSyncDatabase.open(JdbcSettings.derbyFile(dataDirectory));
        Path lockFile = dataDirectory.resolve("contactsync").resolve("db.lck");
        assertThat(lockFile).exists();

        db.close();
        db.close(); // a second close does nothing

        assertThat(lockFile).doesNotExist();
        assertThatThrownBy(() -> db.dataSource().getConnection()).isInstanceOf(SQLException.class);
    }

    @Test
    void closingAnInMemoryDatabaseDropsIt() {
        String name = "dropped-" + UUID.randomUUID();
        ContactSyncDatabase.open(JdbcSettings.derbyInMemory(name)).close();

        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:derby:memory:" + name).close())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("XJ004");
    }

    @Test
    void aDataSourceOfTheCallersIsMigratedAndItsDialectDetectedButItIsNotClosed() throws SQLException {
        JdbcSettings settings = JdbcSettings.derbyInMemory("callers-" + UUID.randomUUID());
        try (HikariDataSource callers = DataSources.create(settings, "callers")) {
            try (ContactSyncDatabase db = ContactSyncDatabase.configure().dataSource(callers).load()) {
                assertThat(db.dialect()).isEqualTo(Dialect.DERBY);
                db.contactStore().write(List.of(Contact.builder("x").displayName("X").build()), List.of());
            }
            try (Connection c = callers.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void anUnreachableDatabaseFailsWithAMessageThatNamesItAndSaysWhatToCheck() {
        JdbcSettings settings = JdbcSettings.postgresql("jdbc:postgresql://127.0.0.1:1/contactsync?connectTimeout=1",
                "cs", "s3cret").withConnectionTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> ContactSyncDatabase.open(settings))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("Could not connect to the database at jdbc:postgresql://127.0.0.1:1/contactsync")
                .hasMessageContaining("Check that it is running")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void settingsRejectWhatContactSyncCannotUseAndSayWhatWouldWork() {
        assertThatThrownBy(() -> new JdbcSettings("jdbc:mysql://127.0.0.1/db", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://127.0.0.1/db").hasMessageContaining("Derby")
                .hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> new JdbcSettings("  ", null, null)).hasMessageContaining("URL is missing");
        assertThatThrownBy(() -> new JdbcSettings("jdbc:derby://127.0.0.1:1527/db", null, null))
                .hasMessageContaining("network client");
        assertThatThrownBy(() -> JdbcSettings.derbyInMemory("x").withPoolSize(0))
                .hasMessageContaining("pool size");
        assertThatThrownBy(() -> JdbcSettings.derbyInMemory("x").withSchema("a; DROP TABLE contacts"))
                .hasMessageContaining("schema");
        assertThatThrownBy(() -> JdbcSettings.postgresql("jdbc:derby:memory:x", null, null))
                .hasMessageContaining("Not a PostgreSQL URL");
        assertThatThrownBy(() -> JdbcSettings.derbyFile(dataDirectory.resolve("a;b")))
                .hasMessageContaining("';'");
    }

    @Test
    void settingsNeverShowThePassword() {
        JdbcSettings settings = JdbcSettings.postgresql("jdbc:postgresql://127.0.0.1/db?user=cs&password=s3cret",
                "cs", "t0psecret");

        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("t0psecret").contains("***");
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/db?user=cs&password=***");
    }

    @Test
    void theDialectFollowsTheUrl() {
        assertThat(JdbcSettings.derbyFile(dataDirectory).dialect()).isEqualTo(Dialect.DERBY);
        assertThat(JdbcSettings.derbyFile(dataDirectory).url()).endsWith("contactsync;create=true")
                .startsWith("jdbc:derby:" + dataDirectory.toAbsolutePath());
        assertThat(JdbcSettings.derbyInMemory("t").url()).isEqualTo("jdbc:derby:memory:t;create=true");
        assertThat(Dialect.fromUrl("JDBC:POSTGRESQL://db/x")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.POSTGRESQL.migrationLocation()).isEqualTo("classpath:db/migration/postgresql");
    }

    @Test
    void theDataDirectoryIsCreatedIfMissing() {
        Path nested = dataDirectory.resolve("not/yet/there");
        try (ContactSyncDatabase db = ContactSyncDatabase.open(JdbcSettings.derbyFile(nested))) {
            assertThat(db.contactStore().count()).isZero();
        }
        assertThat(Files.isDirectory(nested.resolve("contactsync"))).isTrue();
    }
}
