package org.contactsync.contact;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.contactsync.Page;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;

/**
 * The local copy of the address book. The sync core is its only writer; readers are the REST API and the
 * phone directory. Implementations must be thread-safe, and {@link #write} must be atomic: readers see all of a
 * batch or none of it.
 *
 * <p>Contacts are keyed by (source, source id): the same source id in two sources is two contacts, and whatever
 * is written for one source never touches another's. Reads ({@link #search}, {@link #forEach}, {@link #findById},
 * {@link #count}) cover every source and return contacts with {@link Contact#source()} filled in. The methods
 * without a source name are the single-source configuration's: they mean {@link Contact#DEFAULT_SOURCE}.
 */
public interface ContactStore {

    /** The stored content hash ({@link Contact#contentHash()}) of each of the given source ids that {@code source} has. */
    Map<String, String> contentHashes(String source, Collection<String> sourceIds);

    /** Every source id stored for {@code source} (for a full sync to find what the source no longer has). */
    Set<String> sourceIds(String source);

    /**
     * Stores {@code upserts} as contacts of {@code source} (matched by source id within that source; an existing
     * contact keeps its local id; the contacts' own {@link Contact#source()} is replaced by {@code source}) and
     * removes that source's {@code deletions} (source ids; unknown ones are ignored), all in one transaction.
     * Contacts of other sources are never touched.
     */
    void write(String source, List<Contact> upserts, Collection<String> deletions);

    /**
     * Like {@link #write(String, List, Collection)}, and appends the batch's listed changes to a run's change log: in
     * the same transaction when this store can (a database store whose log shares its database), otherwise right
     * after the write succeeded. Either way the list of a batch is never appended without its write.
     */
    default void write(String source, List<Contact> upserts, Collection<String> deletions, RunChangeLog log,
                       long runId, List<ContactChange> listed, int beyondCap) {
        write(source, upserts, deletions);
        log.append(runId, listed, beyondCap);
    }

    /**
     * Like {@link #write(String, List, Collection, RunChangeLog, long, List, int)} with no deletions, for contacts the
     * caller believes are not stored yet (a full sync of a source that had none, writing contacts it has not
     * written before): a store may insert them without looking them up first. A hint only: a contact that is
     * stored after all is updated, never stored twice.
     */
    default void writeNew(String source, List<Contact> added, RunChangeLog log, long runId,
                          List<ContactChange> listed, int beyondCap) {
        write(source, added, List.of(), log, runId, listed, beyondCap);
    }

    /**
     * Whether any contact of {@code source} is stored. A full sync of a source with none skips the look-up of
     * stored content hashes (there are none to find). The default reads the source's ids.
     */
    default boolean hasContacts(String source) {
        return !sourceIds(source).isEmpty();
    }

    Optional<Contact> findById(long id);

    Optional<Contact> findBySourceId(String source, String sourceId);

    /**
     * The stored contacts of {@code source} with those source ids, by source id: one look-up for a whole batch (the
     * sync lists the names of the contacts it deletes with it). The default asks {@link #findBySourceId} for each;
     * stores override it with one query.
     */
    default Map<String, Contact> findBySourceIds(String source, Collection<String> sourceIds) {
        Map<String, Contact> found = new java.util.HashMap<>();
        for (String id : sourceIds) {
            findBySourceId(source, id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /**
     * Contacts matching {@link ContactQuery#matches} (of every source, or of {@link ContactQuery#source()} when it
     * names one), ordered by display name (case-insensitive), then id.
     */
    Page<Contact> search(ContactQuery query);

    /** Contacts of every source. */
    long count();

    /**
     * Streams every contact of every source, ordered by display name (case-insensitive), then id, without loading
     * all at once.
     */
    void forEach(Consumer<Contact> action);

    /** A monotonically increasing number that changes with every successful {@link #write}, for cache keys. */
    long version();

    /** {@link #contentHashes(String, Collection)} of the {@link Contact#DEFAULT_SOURCE default source}. */
    default Map<String, String> contentHashes(Collection<String> sourceIds) {
        return contentHashes(Contact.DEFAULT_SOURCE, sourceIds);
    }

    /** {@link #sourceIds(String)} of the {@link Contact#DEFAULT_SOURCE default source}. */
    default Set<String> sourceIds() {
        return sourceIds(Contact.DEFAULT_SOURCE);
    }

    /** {@link #write(String, List, Collection)} to the {@link Contact#DEFAULT_SOURCE default source}. */
    default void write(List<Contact> upserts, Collection<String> deletions) {
        write(Contact.DEFAULT_SOURCE, upserts, deletions);
    }

    /** {@link #findBySourceIds(String, Collection)} in the {@link Contact#DEFAULT_SOURCE default source}. */
    default Map<String, Contact> findBySourceIds(Collection<String> sourceIds) {
        return findBySourceIds(Contact.DEFAULT_SOURCE, sourceIds);
    }

    /** {@link #findBySourceId(String, String)} in the {@link Contact#DEFAULT_SOURCE default source}. */
    default Optional<Contact> findBySourceId(String sourceId) {
        return findBySourceId(Contact.DEFAULT_SOURCE, sourceId);
    }
}
