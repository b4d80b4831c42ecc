package org.contactsync.sync;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.contactsync.contact.Contact;

/** What the core gives an engine for one run: the sink for contacts, progress reporting and cancellation. */
public interface SyncContext {

    /**
     * The name of the configured source this read is for ({@link Contact#DEFAULT_SOURCE} when only one is
     * configured). The look-ups below see only this source's contacts; engines need not care.
     */
    default String source() {
        return Contact.DEFAULT_SOURCE;
    }

    /** FULL or INCREMENTAL. */
    SyncType type();

    /** The cursor stored by the last completed run (present only for INCREMENTAL runs that have one). */
    Optional<String> cursor();

    /** The source has this contact (new or maybe changed); the core compares it with the stored copy. */
    void upsert(Contact contact);

    /** The source deleted this contact (incremental sources that report deletions). */
    void delete(String sourceId);

    /** The source reports this contact as not changed (lets a FULL run keep it without re-reading it). */
    void unchanged(String sourceId);

    /** A contact could not be read and was skipped; counted as an error of the run, which still completes. */
    void skipped(String sourceId, String reason);

    /** Reports progress: percent 0..100 of the whole run and what is being done, for people. */
    void progress(int percent, String currentOperation);

    /** The next cursor; stored only if the run completes. */
    void newCursor(String cursor);

    /** Whether the run was asked to stop. */
    boolean isCancelled();

    /** Throws {@link SyncCancelledException} if the run was asked to stop; call it between pages. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new SyncCancelledException();
        }
    }

    /** The content hash stored for a source id, for engines that detect changes themselves. */
    Optional<String> storedContentHash(String sourceId);

    /**
     * The stored content hash of each of these source ids that is stored, in one look-up: engines that compare a
     * whole source with the store should use this rather than one {@link #storedContentHash} call per contact.
     */
    default Map<String, String> storedContentHashes(Collection<String> sourceIds) {
        Map<String, String> hashes = new HashMap<>();
        for (String id : sourceIds) {
            storedContentHash(id).ifPresent(h -> hashes.put(id, h));
        }
        return hashes;
    }

    /** Every source id in the local copy, for engines that detect deletions themselves (e.g. an incremental file read). */
    Set<String> storedSourceIds();
}
