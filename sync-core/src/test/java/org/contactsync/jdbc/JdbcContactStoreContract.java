package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;
import org.contactsync.testkit.ContactStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.zaxxer.hikari.HikariDataSource;

/** The contact store contract plus what only a database store can show: rollback, sharing between pools. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContactStoreContract extends ContactStoreContract {
    protected ContactSyncDatabase db;
    protected JdbcSettings jdbcSettings;

    /** Settings of a fresh database (or schema) for this test class. */
    protected abstract JdbcSettings settings();

    /** Called after the database was closed. */
    protected void release() {
    }

    @BeforeAll
    void openDatabase() {
        jdbcSettings = settings();
        db = ContactSyncDatabase.configure().settings(jdbcSettings).poolName(getClass().getSimpleName()).load();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        release();
    }

    @Override
    protected ContactStore newEmptyStore() {
        JdbcTestTables.clear(db.dataSource());
        return db.contactStore();
    }

    @Test
    void aDatabaseErrorPartWayThroughAWriteRollsBackEverythingItWrote() {
        store.write(List.of(contact("keep", "Keep Me", "555 0101"), contact("gone", "Delete Me")), List.of());
        Contact before = store.findBySourceId("keep").orElseThrow();
        long version = store.version();
        // The database refuses the third contact's source id (longer than the column), after the first two
        // were already sent in the same transaction.
        List<Contact> batch = List.of(contact("keep", "Changed", "999 9999"), contact("new", "New One"),
                contact("x".repeat(600), "Too Long"));

        assertThatThrownBy(() -> store.write(batch, List.of("gone")))
                .isInstanceOf(DataAccessException.class)
                .hasMessageStartingWith("Could not save contacts")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(store.findBySourceId("keep")).contains(before);
        assertThat(store.findBySourceId("gone")).isPresent();
        assertThat(store.findBySourceId("new")).isEmpty();
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.version()).isEqualTo(version);
        assertThat(store.search(new ContactQuery("9999999", 10, 0)).items()).isEmpty();
    }

    @Test
    void instancesOnSeparatePoolsShareContactsAndTheVersion() {
        try (HikariDataSource second = DataSources.create(jdbcSettings, "second-instance")) {
            JdbcContactStore other = new JdbcContactStore(second, db.dialect());
            long before = store.version();

            other.write(List.of(contact("shared", "Shared Person", "030 123456")), List.of());

            assertThat(store.version()).isGreaterThan(before).isEqualTo(other.version());
            assertThat(store.search(new ContactQuery("030123456", 10, 0)).items())
                    .extracting(Contact::sourceId).containsExactly("shared");
        }
    }

    @Test
    void namesLongerThanTheColumnAreCutInsteadOfFailingTheSync() {
        String korean = "김".repeat(1500);
        Contact longName = Contact.builder("long").displayName(korean).organization("o".repeat(1200)).build();

        store.write(List.of(longName), List.of());

        Contact read = store.findBySourceId("long").orElseThrow();
        assertThat(read.displayName()).hasSize(1000).isEqualTo(korean.substring(0, 1000));
        assertThat(store.contentHashes(List.of("long"))).containsEntry("long", longName.contentHash());
        assertThat(store.search(new ContactQuery("김김", 10, 0)).items()).hasSize(1);
    }

    @Test
    void phoneNumbersKeepTheirOrderTypeAndEveryCharacterInTheContactsRow() {
        List<PhoneNumber> phones = List.of(new PhoneNumber("ext: 12!\\3", PhoneType.WORK, null, true),
                new PhoneNumber("line\nbreak 555 01", PhoneType.MOBILE, null, false),
                new PhoneNumber("23 4567", PhoneType.OTHER, null, true));
        store.write(List.of(Contact.builder("odd").displayName("Odd Numbers").phones(phones).build()), List.of());

        assertThat(store.findBySourceId("odd").orElseThrow().phones()).containsExactlyElementsOf(phones);
        assertThat(store.search(new ContactQuery("555 01", 10, 0)).items()).hasSize(1);
        // Two numbers' digits side by side ("55501" + "234567") are not one number.
        assertThat(store.search(new ContactQuery("5550123", 10, 0)).items()).isEmpty();
    }

    @Test
    void everyFieldKeepsTabsNewlinesBackslashesAndTheTextOfANullMarker() {
        // PostgreSQL inserts with COPY's text format, where a tab ends a value, a newline a row, and \N is null.
        Contact odd = Contact.builder("tab\there\\N").displayName("Tab\tName \\N \\ end\\")
                .givenName("Line\nBreak").familyName("\\N").organization("Carriage\rReturn\t&")
                .email("a\\b@example.org").group("group\twith tab").etag("\\.")
                .phone(new PhoneNumber("+49 30\t1234", PhoneType.WORK, null, false)).build();
        store.write(List.of(odd), List.of());

        Contact read = store.findBySourceId("tab\there\\N").orElseThrow();
        assertThat(read).usingRecursiveComparison().ignoringFields("id", "updatedAt").isEqualTo(odd);
        assertThat(store.contentHashes(List.of(odd.sourceId()))).containsEntry(odd.sourceId(), odd.contentHash());
        assertThat(store.search(new ContactQuery("tab", 10, 0)).items()).extracting(Contact::sourceId)
                .containsExactly(odd.sourceId());
    }

    @Test
    void aLargeWriteIsSavedInBatches() {
        List<Contact> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            many.add(contact("bulk-" + i, "Bulk " + i, "0800 " + i, "0900 " + i));
        }
        store.write(many, List.of());
        store.write(many.subList(0, 550), many.subList(550, 1100).stream().map(Contact::sourceId).toList());

        assertThat(store.count()).isEqualTo(550);
        assertThat(store.findBySourceId("bulk-549").orElseThrow().phones()).hasSize(2);
        assertThat(store.findBySourceId("bulk-550")).isEmpty();
    }

    @Test
    void aWriteAfterAnotherInstanceChangedTheSameContactsSinceTheLookUpStillLandsOnTheRightRows() {
        store.write(List.of(contact("moved", "Moved Away", "555 0001"), contact("kept", "Kept", "555 0002")),
                List.of());
        // What the sync looks up before it writes a batch.
        assertThat(store.contentHashes(List.of("moved", "kept", "arrived"))).containsOnlyKeys("moved", "kept");
        try (HikariDataSource second = DataSources.create(jdbcSettings, "second-writer")) {
            JdbcContactStore other = new JdbcContactStore(second, db.dialect());
            // Meanwhile another writer removes one and stores it again (a new local id) and adds another.
            other.write(List.of(), List.of("moved"));
            other.write(List.of(contact("moved", "Moved Back", "555 0003"), contact("arrived", "Arrived First")),
                    List.of());
        }

        store.write(List.of(contact("moved", "Moved Again", "555 0004"), contact("kept", "Kept Too", "555 0005"),
                contact("arrived", "Arrived Again", "555 0006")), List.of());

        assertThat(store.count()).isEqualTo(3);
        assertThat(store.findBySourceId("moved").orElseThrow().phones()).extracting(p -> p.number())
                .containsExactly("555 0004");
        assertThat(store.findBySourceId("kept").orElseThrow().displayName()).isEqualTo("Kept Too");
        assertThat(store.findBySourceId("arrived").orElseThrow().phones()).extracting(p -> p.number())
                .containsExactly("555 0006");
        assertThat(store.search(new ContactQuery("5550003", 10, 0)).items()).isEmpty();
    }

    @Test
    void aWriteLooksUpWhatNoContentHashLookUpCoveredAndWritesEachBatchOnce() {
        List<Contact> first = new java.util.ArrayList<>();
        for (int i = 0; i < 700; i++) {
            first.add(contact("page-" + i, "Page " + i, "0700 " + i));
        }
        store.write(first, List.of());
        // Half of the next batch was looked up, half not (as a caller that never looks up would write).
        store.contentHashes(first.subList(0, 350).stream().map(Contact::sourceId).toList());
        List<Contact> second = new java.util.ArrayList<>();
        for (int i = 0; i < 700; i++) {
            second.add(contact("page-" + i, "Page " + i + " edited", "0701 " + i));
        }
        long version = store.version();

        store.write(second, List.of());

        assertThat(store.version()).isEqualTo(version + 1);
        assertThat(store.count()).isEqualTo(700);
        assertThat(store.findBySourceId("page-0").orElseThrow().displayName()).isEqualTo("Page 0 edited");
        assertThat(store.findBySourceId("page-699").orElseThrow().phones()).extracting(p -> p.number())
                .containsExactly("0701 699");
    }
}
