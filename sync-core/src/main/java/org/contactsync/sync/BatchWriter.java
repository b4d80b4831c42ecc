package org.contactsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;

/**
 * Compares a batch of one source with that source's stored copy and either writes what changed, in one transaction (a real run), or only
 * lists it (a dry run). Either way it lists the changes in the {@link RunChangeLog} under the run's id (a real run
 * with each batch's write, so a failed run keeps the list of what it wrote): the first {@code changesPerRun} of the run, the
 * rest counted. Counts added, updated and deleted only once the batch is written, so the stats of a failed run
 * match the store. Used by one thread at a time.
 */
final class BatchWriter {
    private final ContactStore store;
    private final String source;
    private final boolean apply;
    private final Runnable beforeWrite;
    private final Runnable afterWrite;
    private final StatsCounter counts;
    private final RunChangeLog changeLog;
    private final long runId;
    private final ChangeCap cap;
    /**
     * Non-null when the source had no stored contact when this run started (a full sync): then only an id this
     * run has already written can be stored, and only those are looked up. The ids written so far.
     */
    private final Set<String> writtenToEmptySource;

    /**
     * @param beforeWrite runs before each write to the store and may throw to stop the run (lease lost, cancelled)
     * @param afterWrite  runs after each batch was written and counted
     * @param changeLog   where the changes are listed, under {@code runId}
     * @param emptySource the source had no stored contact when this run started: nothing needs looking up but
     *                    what this run writes
     */
    BatchWriter(ContactStore store, String source, boolean apply, Runnable beforeWrite, Runnable afterWrite,
                StatsCounter counts, RunChangeLog changeLog, long runId, ChangeCap cap, boolean emptySource) {
        this.store = store;
        this.source = source;
        this.apply = apply;
        this.beforeWrite = beforeWrite;
        this.afterWrite = afterWrite;
        this.counts = counts;
        this.changeLog = changeLog;
        this.runId = runId;
        this.cap = cap;
        this.writtenToEmptySource = emptySource ? new HashSet<>() : null;
    }

    void write(Batch batch) {
        List<String> ids = new ArrayList<>(batch.upserts().size() + batch.deletes().size());
        for (Contact c : batch.upserts()) {
            ids.add(c.sourceId());
        }
        ids.addAll(batch.deletes());
        Map<String, String> stored = store.contentHashes(source, writtenToEmptySource == null ? ids
                : ids.stream().filter(writtenToEmptySource::contains).toList());
        List<Contact> writes = new ArrayList<>();
        List<ContactChange> changes = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (Contact c : batch.upserts()) {
            String old = stored.get(c.sourceId());
            if (old == null) {
                added++;
                writes.add(c);
                changes.add(change(ContactChange.Kind.ADD, c));
            } else if (!old.equals(c.contentHash())) {
                updated++;
                writes.add(c);
                changes.add(change(ContactChange.Kind.UPDATE, c));
            } else {
                unchanged++;
            }
        }
        List<String> deletes = new ArrayList<>();
        for (String id : batch.deletes()) {
            if (stored.containsKey(id)) {
                deletes.add(id);
            }
        }
        writeAndList(writes, deletes, changes, new SyncStats(added, updated, deletes.size(), unchanged, 0),
                updated == 0 && deletes.isEmpty());
        if (writtenToEmptySource != null) {
            for (Contact c : writes) {
                writtenToEmptySource.add(c.sourceId());
            }
            deletes.forEach(writtenToEmptySource::remove);
        }
        afterWrite.run();
    }

    /** Removes (or lists the removal of) stored contacts the source no longer has. */
    void delete(Collection<String> storedIds) {
        writeAndList(List.of(), List.copyOf(storedIds), List.of(), new SyncStats(0, 0, storedIds.size(), 0, 0),
                false);
        afterWrite.run();
    }

    /**
     * Writes (unless a dry run) together with the list of its changes within the cap, then counts. The names of
     * deleted contacts are looked up before they are deleted, in one look-up for the batch and only for those still
     * within the cap. A store on the log's database writes both in one transaction (see
     * {@link ContactStore#write(String, List, Collection, RunChangeLog, long, List, int)}).
     */
    /** @param onlyAdds every write is a contact the look-up did not find, and nothing is deleted */
    private void writeAndList(List<Contact> writes, List<String> deletes, List<ContactChange> changes,
                              SyncStats stats, boolean onlyAdds) {
        int room = cap.room();
        List<ContactChange> shown = new ArrayList<>(changes.subList(0, Math.min(room, changes.size())));
        List<String> shownDeletes = deletes.subList(0, Math.min(room - shown.size(), deletes.size()));
        if (!shownDeletes.isEmpty()) {
            Map<String, Contact> gone = store.findBySourceIds(source, shownDeletes);
            for (String id : shownDeletes) {
                Contact c = gone.get(id);
                shown.add(new ContactChange(ContactChange.Kind.DELETE, source, id, c == null ? id : c.displayName()));
            }
        }
        int beyond = changes.size() + deletes.size() - shown.size();
        // Every change is a write or a deletion: with neither there is nothing to write or list.
        if (!writes.isEmpty() || !deletes.isEmpty()) {
            if (apply) {
                beforeWrite.run();
                if (onlyAdds && writtenToEmptySource != null) {
                    store.writeNew(source, writes, changeLog, runId, shown, beyond);
                } else {
                    store.write(source, writes, deletes, changeLog, runId, shown, beyond);
                }
            } else {
                changeLog.append(runId, shown, beyond);
            }
            cap.listed(shown.size());
        }
        counts.add(stats);
    }

    private ContactChange change(ContactChange.Kind kind, Contact c) {
        return new ContactChange(kind, source, c.sourceId(), c.displayName());
    }
}
