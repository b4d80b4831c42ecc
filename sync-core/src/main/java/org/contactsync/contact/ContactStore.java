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
 */
public interface ContactStore {

    /** The stored content hash ({@link Contact#contentHash()}) of each of the given source ids that is stored. */
    Map<String, String> contentHashes(Collection<String> sourceIds);

    /** Every stored source id (for a full sync to find what the source no longer has). */
    Set<String> sourceIds();

    /**
     * Inserts or replaces {@code upserts} (matched by source id; an existing contact keeps its local id) and
     * removes {@code deletions} (source ids; unknown ones are ignored), all in one transaction.
     */
    void write(List<Contact> upserts, Collection<String> deletions);

    /**
     * Like {@link #write(List, Collection)}, and appends the batch's listed changes to a run's change log: in the
     * same transaction when this store can (a database store whose log shares its database), otherwise right after
     * the write succeeded. Either way the list of a batch is never appended without its write.
     */
    default void write(List<Contact> upserts, Collection<String> deletions, RunChangeLog log, long runId,
                       List<ContactChange> listed, int beyondCap) {
        write(upserts, deletions);
        log.append(runId, listed, beyondCap);
    }

    Optional<Contact> findById(long id);

    Optional<Contact> findBySourceId(String sourceId);

    /**
     * The stored contacts of those source ids that are stored, by source id: one look-up for a whole batch (the
     * sync lists the names of the contacts it deletes with it). The default asks {@link #findBySourceId} for each;
     * stores override it with one query.
     */
    default Map<String, Contact> findBySourceIds(Collection<String> sourceIds) {
        Map<String, Contact> found = new java.util.HashMap<>();
        for (String id : sourceIds) {
            findBySourceId(id).ifPresent(c -> found.put(id, c));
        }
        return found;
    }

    /** Contacts matching {@link ContactQuery#matches}, ordered by display name (case-insensitive), then id. */
    Page<Contact> search(ContactQuery query);

    long count();

    /** Streams every contact, ordered by display name (case-insensitive), then id, without loading all at once. */
    void forEach(Consumer<Contact> action);

    /** A monotonically increasing number that changes with every successful {@link #write}, for cache keys. */
    long version();
}
