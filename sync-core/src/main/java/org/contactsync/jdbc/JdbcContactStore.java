package org.contactsync.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.SearchText;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;

/**
 * The local copy of the address book in a database. Each {@link #write} is one transaction of JDBC batches, so
 * readers (on this or any other instance) see a whole batch or none of it; search and ordering follow
 * {@link ContactQuery#matches} and {@link org.contactsync.contact.InMemoryContactStore#BY_NAME} exactly.
 *
 * <p>On Derby, readers share and writers hold an exclusive lock on the contacts table for their transaction,
 * because Derby's READ COMMITTED could otherwise show a reader part of a batch. PostgreSQL reads from one
 * snapshot (REPEATABLE READ).
 */
public final class JdbcContactStore implements ContactStore {
    /** Rows per batch execution. */
    private static final int CHUNK = 500;
    /** Values per IN list. */
    private static final int IN_SIZE = 50;
    /** Rows fetched per round trip when streaming. */
    static final int FETCH_SIZE = 500;
    private static final int NAME_COLUMN = 1000;
    /** Columns {@link #rowValues} gives. */
    private static final int CONTACT_VALUES = 13;
    /** Where {@link #rowValues} has the one value that is not a String. */
    private static final int UPDATED_AT = 10;
    /** The columns of an inserted row: {@link #rowValues}, then the key. */
    private static final String INSERT_COLUMNS = "display_name, name_folded, given_name, family_name, organization, "
            + "org_folded, emails, group_names, etag, content_hash, updated_at, phones, phone_digits, source_id, source";

    /**
     * After {@code FROM cs_contacts}: makes Derby use the (source id, source) index for
     * {@code source = ? AND source_id IN (...)} (source id first: Derby probes an IN list only on an index's first
     * column; with source first, every batch's look-up read all the source's rows: a 10k Derby full sync took
     * 4.1 s instead of 2.0 s). A plan
     * Derby made while the table was nearly empty otherwise scans the whole table on every look-up for the rest of
     * the statement cache's life (measured: each batch's look-ups read all 10,000 rows of a growing table). Only a
     * comment to PostgreSQL.
     */
    private static final String BY_SOURCE_ID = " --DERBY-PROPERTIES constraint=CS_CONTACTS_SOURCE_UQ\n";

    private static final String CONTACT_COLUMNS = "c.id, c.source, c.source_id, c.display_name, c.given_name, "
            + "c.family_name, c.organization, c.emails, c.group_names, c.etag, c.updated_at, c.phones";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Transactions transactions;
    private final KnownIds knownIds = new KnownIds(4 * CHUNK);

    public JdbcContactStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.transactions = new Transactions(dataSource);
    }

    @Override
    public Map<String, String> contentHashes(String source, Collection<String> sourceIds) {
        Objects.requireNonNull(source, "source");
        if (sourceIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(sourceIds));
        return readOne("read content hashes", c -> {
            Map<String, String> result = new HashMap<>();
            forEachKey(c, "SELECT source_id, content_hash, id FROM cs_contacts" + BY_SOURCE_ID, source, "source_id", "",
                    ids, rs -> {
                        result.put(rs.getString(1), rs.getString(2));
                        knownIds.remember(source, rs.getString(1), rs.getLong(3));
                    });
            for (String id : ids) {
                if (!result.containsKey(id)) {
                    knownIds.remember(source, id, KnownIds.ABSENT);
                }
            }
            return result;
        });
    }

    @Override
    public Set<String> sourceIds(String source) {
        Objects.requireNonNull(source, "source");
        return readStreaming("read contact source ids", c -> {
            Set<String> result = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source_id FROM cs_contacts WHERE source = ?")) {
                ps.setString(1, source);
                ps.setFetchSize(FETCH_SIZE * 4);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(rs.getString(1));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public void write(String source, List<Contact> upserts, Collection<String> deletions) {
        write(source, upserts, deletions, (Transactions.Work<Void>) c -> null);
    }

    /** With a log on the same database, the batch's changes are appended in the contacts' transaction. */
    @Override
    public void write(String source, List<Contact> upserts, Collection<String> deletions, RunChangeLog log,
                      long runId, List<ContactChange> listed, int beyondCap) {
        if (log instanceof JdbcRunChangeLog jdbc && jdbc.sharesDatabaseWith(dataSource)) {
            List<ContactChange> rows = List.copyOf(listed);
            write(source, upserts, deletions, (Transactions.Work<Void>) c -> {
                jdbc.append(c, runId, rows, beyondCap);
                return null;
            });
        } else {
            ContactStore.super.write(source, upserts, deletions, log, runId, listed, beyondCap);
        }
    }

    /**
     * Inserts without a look-up: the ids are taken as not stored, and if one is after all, the insert's unique key
     * refuses it and the write is done again with a look-up (see {@link #staleIds}).
     */
    @Override
    public void writeNew(String source, List<Contact> added, RunChangeLog log, long runId,
                         List<ContactChange> listed, int beyondCap) {
        for (Contact c : added) {
            knownIds.remember(source, c.sourceId(), KnownIds.ABSENT);
        }
        write(source, added, List.of(), log, runId, listed, beyondCap);
    }

    @Override
    public boolean hasContacts(String source) {
        Objects.requireNonNull(source, "source");
        return readOne("look for contacts of a source", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM cs_contacts WHERE source = ? FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, source);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Writes the batch and runs {@code alongside} in the same transaction (retried together). */
    private void write(String source, List<Contact> upserts, Collection<String> deletions,
                       Transactions.Work<Void> alongside) {
        Objects.requireNonNull(source, "source");
        // Checked before the transaction starts, so bad input cannot leave anything half-written.
        Map<String, Contact> bySourceId = new LinkedHashMap<>();
        for (Contact contact : upserts) {
            Objects.requireNonNull(contact, "a contact to write is null");
            bySourceId.put(contact.sourceId(), contact.withSource(source)); // a later duplicate wins, as in the in-memory store
        }
        List<String> toDelete = new ArrayList<>(new LinkedHashSet<>(deletions));
        for (String sourceId : toDelete) {
            Objects.requireNonNull(sourceId, "a source id to delete is null");
        }
        transactions.write("save contacts", c -> {
            if (dialect == Dialect.DERBY) {
                lockContacts(c, "EXCLUSIVE");
            }
            // Also makes writers on other instances take turns. On PostgreSQL the batch's commit does not wait for
            // the disk (AsynchronousCommit, in this first statement).
            String bump = "UPDATE cs_contact_store_version SET version = version + 1";
            try (PreparedStatement ps = c.prepareStatement(dialect == Dialect.POSTGRESQL
                    ? AsynchronousCommit.WITH + bump + " FROM " + AsynchronousCommit.TABLE + " WHERE id = 1"
                    : bump + " WHERE id = 1")) {
                ps.executeUpdate();
            }
            Map<String, Long> ids = storedIds(c, source, bySourceId.keySet());
            List<Contact> changed = new ArrayList<>();
            List<Contact> added = new ArrayList<>();
            for (Contact contact : bySourceId.values()) {
                (ids.containsKey(contact.sourceId()) ? changed : added).add(contact);
            }
            updateContacts(c, changed, ids);
            insertContacts(c, added);
            deleteContacts(c, source, toDelete);
            return alongside.run(c);
        });
    }

    @Override
    public Optional<Contact> findById(long id) {
        return readOne("read a contact", c -> first(loadContacts(c, "WHERE c.id = ?", List.of(id))));
    }

    @Override
    public Optional<Contact> findBySourceId(String source, String sourceId) {
        return readOne("read a contact", c -> first(loadContacts(c, "WHERE c.source = ? AND c.source_id = ?",
                List.of(source, sourceId))));
    }

    @Override
    public Map<String, Contact> findBySourceIds(String source, Collection<String> sourceIds) {
        if (sourceIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(sourceIds));
        return readOne("read contacts", c -> {
            List<Contact> found = new ArrayList<>();
            forEachKey(c, "SELECT " + CONTACT_COLUMNS + " FROM cs_contacts c" + BY_SOURCE_ID, source, "c.source_id", "",
                    ids, rs -> found.add(contact(rs)));
            Map<String, Contact> result = new HashMap<>();
            for (Contact contact : found) {
                result.put(contact.sourceId(), contact);
            }
            return result;
        });
    }

    @Override
    public Page<Contact> search(ContactQuery query) {
        List<Object> params = new ArrayList<>();
        String where = where(query, params);
        return read("search contacts", c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_contacts c " + where)) {
                Columns.bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(query.offset());
            pageParams.add(query.limit());
            List<Contact> items = loadContacts(c, where + " ORDER BY c.name_folded, c.id "
                    + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", pageParams);
            return new Page<>(items, total, query.limit(), query.offset());
        });
    }

    @Override
    public long count() {
        return readOne("count contacts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM cs_contacts");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Streams every contact (its phones are in its row) from one query, {@value #FETCH_SIZE} rows per round trip.
     * The action runs inside the read transaction: it must not write to this store (on Derby that would wait for
     * itself).
     */
    @Override
    public void forEach(Consumer<Contact> action) {
        readStreaming("read all contacts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CONTACT_COLUMNS
                    + " FROM cs_contacts c ORDER BY c.name_folded, c.id")) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(contact(rs));
                    }
                }
            }
            return null;
        });
    }

    @Override
    public long version() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version FROM cs_contact_store_version WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new DataAccessException("Could not read the contact store version", e);
        }
    }

    // ---- reading

    /**
     * A read that is one statement on PostgreSQL: no transaction around it (one statement sees one snapshot).
     * Derby runs it like {@link #read}: its table lock is what keeps a reader from seeing part of a batch.
     */
    private <T> T readOne(String what, Transactions.Work<T> work) {
        return dialect == Dialect.DERBY ? read(what, work) : transactions.single(what, work);
    }

    /**
     * A read that is one statement fetched {@value #FETCH_SIZE}-odd rows at a time: PostgreSQL's driver streams
     * only inside a transaction (with autocommit it would hold every row in memory), and READ COMMITTED is enough
     * for one statement.
     */
    private <T> T readStreaming(String what, Transactions.Work<T> work) {
        return dialect == Dialect.DERBY ? read(what, work) : transactions.read(what, work);
    }

    private <T> T read(String what, Transactions.Work<T> work) {
        if (dialect == Dialect.DERBY) {
            return transactions.read(what, c -> {
                lockContacts(c, "SHARE");
                return work.run(c);
            });
        }
        return transactions.run(what, Connection.TRANSACTION_REPEATABLE_READ, work);
    }

    private static void lockContacts(Connection c, String mode) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE cs_contacts IN " + mode + " MODE");
        }
    }

    /** The WHERE clause of {@link ContactQuery#matches}, with its parameters. */
    private static String where(ContactQuery query, List<Object> params) {
        if (query.source() == null) {
            return textWhere(query, params, "WHERE ");
        }
        params.add(query.source());
        return "WHERE c.source = ?" + textWhere(query, params, " AND ");
    }

    /** The text part of {@link ContactQuery#matches}, after {@code join}, or "" when the text is blank. */
    private static String textWhere(ContactQuery query, List<Object> params, String join) {
        if (query.text().isEmpty()) {
            return "";
        }
        String digits = query.phoneDigits();
        if (!digits.isEmpty()) {
            // PhoneNumbers.matches: a stored number contains the query, or (with 7+ digits) is one of its endings.
            StringBuilder sb = new StringBuilder(join).append("(c.phone_digits LIKE ?");
            params.add(PhoneColumns.containing(digits));
            for (int len = 7; len <= Math.min(digits.length(), PhoneColumns.DIGITS_SIZE); len++) {
                sb.append(" OR c.phone_digits LIKE ?");
                params.add(PhoneColumns.exactly(digits.substring(digits.length() - len)));
            }
            return sb.append(')').toString();
        }
        // ContactQuery.nameMatches: starts with the text, or has it at a word start (after a space or hyphen).
        String q = Columns.likeLiteral(query.foldedText());
        StringBuilder sb = new StringBuilder(join).append('(');
        String[] columns = {"c.name_folded", "c.org_folded"};
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                sb.append(" OR ");
            }
            sb.append(columns[i]).append(" LIKE ? ESCAPE '\\' OR ")
                    .append(columns[i]).append(" LIKE ? ESCAPE '\\' OR ")
                    .append(columns[i]).append(" LIKE ? ESCAPE '\\'");
            params.add(q + "%");
            params.add("% " + q + "%");
            params.add("%-" + q + "%");
        }
        return sb.append(')').toString();
    }

    /** Contacts selected by {@code clause} (a WHERE/ORDER BY tail over alias c), with their phones. */
    private List<Contact> loadContacts(Connection c, String clause, List<Object> params) throws SQLException {
        List<Contact> contacts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + CONTACT_COLUMNS + " FROM cs_contacts c " + clause)) {
            Columns.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    contacts.add(contact(rs));
                }
            }
        }
        return contacts;
    }

    private Contact contact(ResultSet rs) throws SQLException {
        return new Contact(rs.getLong("id"), rs.getString("source_id"), rs.getString("display_name"),
                rs.getString("given_name"), rs.getString("family_name"), rs.getString("organization"),
                PhoneColumns.decode(rs.getString("phones")),
                Columns.decodeList(rs.getString("emails")), Columns.decodeList(rs.getString("group_names")),
                rs.getString("etag"), dialect.getInstant(rs, "updated_at"), rs.getString("source"));
    }

    private static <T> Optional<T> first(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    // ---- writing

    /**
     * The local ids of those source ids that are stored. Usually known from the content-hash look-up of the same
     * batch ({@link KnownIds}); only source ids it did not cover are looked up here.
     */
    private Map<String, Long> storedIds(Connection c, String source, Collection<String> sourceIds)
            throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String sourceId : sourceIds) {
            Long id = knownIds.take(source, sourceId);
            if (id == null) {
                unknown.add(sourceId);
            } else if (id != KnownIds.ABSENT) {
                ids.put(sourceId, id);
            }
        }
        forEachKey(c, "SELECT source_id, id FROM cs_contacts" + BY_SOURCE_ID, source, "source_id", "", unknown,
                rs -> ids.put(rs.getString(1), rs.getLong(2)));
        return ids;
    }

    /** What a write does when its ids were out of date: forget them all and run the transaction again. */
    private SQLException staleIds(String what) {
        knownIds.clear();
        return new SQLException("stored contacts changed since they were looked up: " + what, "40001");
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code select WHERE [source = ? AND] column IN (values) suffix} in as few statements as the database allows. PostgreSQL:
     * one statement with an array ({@code column = ANY(?)}). Derby has no arrays: {@value #IN_SIZE} values at a
     * time, the statement always with {@value #IN_SIZE} placeholders (a short last chunk repeats its last value),
     * so Derby compiles it once; it compiles long or varying IN lists slowly.
     */
    private void forEachKey(Connection c, String select, String source, String column, String suffix,
                            List<?> values, RowHandler handler) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        String where = " WHERE " + (source == null ? "" : "source = ? AND ") + column;
        int first = source == null ? 1 : 2;
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(select + where + " = ANY(?)" + suffix)) {
                if (source != null) {
                    ps.setString(1, source);
                }
                ps.setArray(first, array(c, values));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(select + where + " IN ("
                + Columns.placeholders(IN_SIZE) + ")" + suffix)) {
            if (source != null) {
                ps.setString(1, source);
            }
            for (int from = 0; from < values.size(); from += IN_SIZE) {
                bindIn(ps, values, from, first);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        handler.row(rs);
                    }
                }
            }
        }
    }

    private static java.sql.Array array(Connection c, List<?> values) throws SQLException {
        boolean numbers = values.get(0) instanceof Long;
        return c.createArrayOf(numbers ? "bigint" : "text", values.toArray());
    }

    private void updateContacts(Connection c, List<Contact> contacts, Map<String, Long> ids) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        // The source id in the WHERE clause checks that the id is still this contact's.
        try (PreparedStatement update = c.prepareStatement("UPDATE cs_contacts SET display_name = ?, "
                + "name_folded = ?, given_name = ?, family_name = ?, organization = ?, org_folded = ?, emails = ?, "
                + "group_names = ?, etag = ?, content_hash = ?, updated_at = ?, phones = ?, phone_digits = ? "
                + "WHERE id = ? AND source_id = ?")) {
            int n = 0;
            for (Contact contact : contacts) {
                bindContact(update, 1, contact);
                update.setLong(CONTACT_VALUES + 1, ids.get(contact.sourceId()));
                update.setString(CONTACT_VALUES + 2, contact.sourceId());
                update.addBatch();
                if (++n % CHUNK == 0 || n == contacts.size()) {
                    for (int count : update.executeBatch()) {
                        if (count == 0) {
                            throw staleIds("an updated contact was no longer stored under its id");
                        }
                    }
                }
            }
        }
    }

    /**
     * Inserts the contacts. Nothing needs their new ids (their phones are in their rows), so no generated keys are
     * asked for. PostgreSQL: one {@code COPY} for the batch ({@link PostgresCopy}). Derby: JDBC batches of
     * {@value #CHUNK} rows, which embedded Derby runs without a statement round per row.
     */
    private void insertContacts(Connection c, List<Contact> contacts) throws SQLException {
        if (contacts.isEmpty()) {
            return;
        }
        if (dialect == Dialect.POSTGRESQL) {
            List<Object[]> rows = new ArrayList<>(contacts.size());
            for (Contact contact : contacts) {
                Object[] row = Arrays.copyOf(rowValues(contact), CONTACT_VALUES + 2);
                row[CONTACT_VALUES] = contact.sourceId();
                row[CONTACT_VALUES + 1] = contact.source();
                rows.add(row);
            }
            try {
                PostgresCopy.insert(c, "cs_contacts", INSERT_COLUMNS, rows);
            } catch (SQLException e) {
                throw duplicateMeansStale(e);
            }
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cs_contacts (" + INSERT_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Contact contact : contacts) {
                bindContact(insert, 1, contact);
                insert.setString(CONTACT_VALUES + 1, contact.sourceId());
                insert.setString(CONTACT_VALUES + 2, contact.source());
                insert.addBatch();
                if (++n % CHUNK == 0 || n == contacts.size()) {
                    executeInsert(insert);
                }
            }
        }
    }

    /** A contact that was not stored at look-up time is now: look up again (another writer got there first). */
    private void executeInsert(PreparedStatement insert) throws SQLException {
        try {
            insert.executeBatch();
        } catch (SQLException e) {
            throw duplicateMeansStale(e);
        }
    }

    private SQLException duplicateMeansStale(SQLException e) {
        SQLException unique = e;
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if ("23505".equals(s.getSQLState())) {
                unique = s;
            }
        }
        if (!"23505".equals(unique.getSQLState())) {
            return e;
        }
        SQLException retry = staleIds("a new contact was stored meanwhile");
        retry.initCause(e);
        return retry;
    }

    /** Binds the {@value #CONTACT_VALUES} columns every contact row has, from {@code first}. */
    private void bindContact(PreparedStatement ps, int first, Contact c) throws SQLException {
        Object[] values = rowValues(c);
        for (int i = 0; i < values.length; i++) {
            if (i == UPDATED_AT) {
                dialect.setInstant(ps, first + i, (Instant) values[i]);
            } else {
                ps.setString(first + i, (String) values[i]);
            }
        }
    }

    /**
     * The {@value #CONTACT_VALUES} values every contact row has, in the order of {@link #INSERT_COLUMNS}: Strings,
     * and the Instant of {@code updated_at} at {@link #UPDATED_AT}.
     */
    private static Object[] rowValues(Contact c) {
        // Over-long names are cut to the column size rather than failing the whole sync; the hash stays the
        // source's, so the next sync does not see a change.
        return new Object[] {
            Columns.fit(c.displayName(), NAME_COLUMN),
            Columns.fit(SearchText.fold(c.displayName()), NAME_COLUMN),
            Columns.fit(c.givenName(), NAME_COLUMN),
            Columns.fit(c.familyName(), NAME_COLUMN),
            Columns.fit(c.organization(), NAME_COLUMN),
            c.organization() == null ? null : Columns.fit(SearchText.fold(c.organization()), NAME_COLUMN),
            Columns.encodeList(c.emails()),
            Columns.encodeList(c.groups()),
            Columns.fit(c.etag(), NAME_COLUMN),
            c.contentHash(),
            c.updatedAt(),
            PhoneColumns.encode(c.phones()),
            PhoneColumns.digits(c.phones()),
        };
    }

    private void deleteContacts(Connection c, String source, List<String> sourceIds) throws SQLException {
        // Their phones are in their rows.
        deleteByKey(c, "DELETE FROM cs_contacts", source, "source_id", sourceIds);
    }

    /**
     * Deletes the rows (of {@code source}, unless null) whose {@code column} is one of {@code values}. PostgreSQL: one statement with an array.
     * Derby: one single-key delete per value, batched, not {@code IN (...)}: Derby 10.16 plans a multi-value
     * {@code IN} delete as a full table scan (measured: 87 % of an incremental run's CPU over 100k contacts),
     * while a single-key delete uses the index.
     */
    private void deleteByKey(Connection c, String delete, String source, String column, List<?> values)
            throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        String where = " WHERE " + (source == null ? "" : "source = ? AND ") + column;
        int keyParameter = source == null ? 1 : 2;
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement ps = c.prepareStatement(delete + where + " = ANY(?)")) {
                if (source != null) {
                    ps.setString(1, source);
                }
                ps.setArray(keyParameter, array(c, values));
                ps.executeUpdate();
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(delete + where + " = ?")) {
            int n = 0;
            for (Object v : values) {
                if (source != null) {
                    ps.setString(1, source);
                }
                Columns.bind(ps, keyParameter, v);
                ps.addBatch();
                if (++n % CHUNK == 0) {
                    ps.executeBatch();
                }
            }
            if (n % CHUNK != 0) {
                ps.executeBatch();
            }
        }
    }

    private static void bindIn(PreparedStatement ps, List<?> values, int from, int firstParameter)
            throws SQLException {
        for (int i = 0; i < IN_SIZE; i++) {
            Columns.bind(ps, i + firstParameter, values.get(Math.min(from + i, values.size() - 1)));
        }
    }
}
