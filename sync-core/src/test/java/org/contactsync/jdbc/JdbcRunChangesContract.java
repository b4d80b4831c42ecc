package org.contactsync.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.contactsync.contact.Contact;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.ContactChange.Kind;
import org.contactsync.sync.changes.RunChanges;
import org.contactsync.testkit.RunChangesContract;
import org.contactsync.testkit.TestContacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The run-changes contract on the database stores of one {@link ContactSyncDatabase}, and what only they do: a
 * batch's contacts and its list of changes are written in one transaction, all or nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcRunChangesContract extends RunChangesContract {
    private ContactSyncDatabase db;

    /** Settings of a fresh database (or schema) for this test class. */
    protected abstract JdbcSettings settings();

    /** Called after the database was closed. */
    protected void release() {
    }

    @BeforeAll
    void openDatabase() {
        db = ContactSyncDatabase.configure().settings(settings()).poolName(getClass().getSimpleName()).load();
    }

    @AfterAll
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
        release();
    }

    @Test
    void aBatchWhoseContactsCannotBeWrittenListsNoneOfItsChanges() {
        Contact tooLong = TestContacts.personWithId("x".repeat(600), "Too Long");
        ContactChange change = new ContactChange(Kind.ADD, Contact.DEFAULT_SOURCE, tooLong.sourceId(), "Too Long");

        assertThatThrownBy(() -> db.contactStore().write(List.of(tooLong), List.of(), db.runChangeLog(), 5,
                List.of(change), 3)).isInstanceOf(DataAccessException.class);

        RunChanges listed = db.runChangeLog().page(5, null, 10, 0);
        assertThat(listed.page().items()).isEmpty();
        assertThat(listed.beyondCap()).isZero();
    }

    @Test
    void aBatchWhoseChangesCannotBeListedWritesNoneOfItsContacts() throws Exception {
        // A row in the way of the batch's first change: the list cannot be saved, so neither is the contact.
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO cs_run_changes (run_id, seq, change_kind, source_name, source_id, "
                    + "display_name) VALUES (9, 0, 'ADD', 'default', 'in-the-way', 'In The Way')");
        }
        Contact ann = TestContacts.person("Ann Lee");
        ContactChange change = new ContactChange(Kind.ADD, Contact.DEFAULT_SOURCE, ann.sourceId(), "Ann Lee");

        assertThatThrownBy(() -> db.contactStore().write(List.of(ann), List.of(), db.runChangeLog(), 9,
                List.of(change), 0)).isInstanceOf(DataAccessException.class);

        assertThat(db.contactStore().findBySourceId(ann.sourceId())).isEmpty();
    }

    @Override
    protected Stores newEmptyStores() {
        JdbcTestTables.clear(db.dataSource());
        return new Stores(db.syncStateStore(), db.contactStore(), db.runChangeLog());
    }
}
