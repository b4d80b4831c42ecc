package org.contactsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.ContactChange;
import org.contactsync.sync.changes.RunChangeLog;

/**
 * Compares a batch with the stored copy and either writes what changed, in one transaction (a real run), or only
 * lists it (a dry run). Either way it lists the changes in the {@link RunChangeLog} under the run's id (a real run
 * with each batch's write, so a failed run keeps the list of what it wrote): the first {@code changesPerRun}, the
 * rest counted. Counts added, updated and deleted only once the batch is written, so the stats of a failed run
 * match the store. Used by one thread at a time.
 */
final class BatchWriter {
    private final ContactStore store;
    private final boolean apply;
    private final Runnable beforeWrite;
    private final Runnable afterWrite;
    private final StatsCounter counts;
    private final RunChangeLog changeLog;
    private final long runId;
    private final int changesPerRun;
    private int listed;

    /**
     * @param beforeWrite runs before each write to the store and may throw to stop the run (lease lost, cancelled)
     * @param afterWrite  runs after each batch was written and counted
     * @param changeLog   where the changes are listed, under {@code runId}
     */
    BatchWriter(ContactStore store, boolean apply, Runnable beforeWrite, Runnable afterWrite, StatsCounter counts,
                RunChangeLog changeLog, long runId, int changesPerRun) {
        this.store = store;
        this.apply = apply;
        this.beforeWrite = beforeWrite;
        this.afterWrite = afterWrite;
        this.counts = counts;
        this.changeLog = changeLog;
        this.runId = runId;
        this.changesPerRun = changesPerRun;
    }

    void write(Batch batch) {
        List<String> ids = new ArrayList<>(batch.upserts().size() + batch.deletes().size());
        for (Contact c : batch.upserts()) {
            ids.add(c.sourceId());
        }
        ids.addAll(batch.deletes());
        Map<String, String> stored = store.contentHashes(ids);
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
        writeAndList(writes, deletes, changes, new SyncStats(added, updated, deletes.size(), unchanged, 0));
        afterWrite.run();
    }

    /** Removes (or lists the removal of) stored contacts the source no longer has. */
    void delete(Collection<String> storedIds) {
        writeAndList(List.of(), List.copyOf(storedIds), List.of(), new SyncStats(0, 0, storedIds.size(), 0, 0));
        afterWrite.run();
    }

    /**
     * Writes (unless a dry run) together with the list of its changes within the cap, then counts. The names of
     * deleted contacts are looked up before they are deleted, in one look-up for the batch and only for those still
     * within the cap. A store on the log's database writes both in one transaction (see
     * {@link ContactStore#write(List, Collection, RunChangeLog, long, List, int)}).
     */
    private void writeAndList(List<Contact> writes, List<String> deletes, List<ContactChange> changes,
                              SyncStats stats) {
        int room = Math.max(0, changesPerRun - listed);
        List<ContactChange> shown = new ArrayList<>(changes.subList(0, Math.min(room, changes.size())));
        List<String> shownDeletes = deletes.subList(0, Math.min(room - shown.size(), deletes.size()));
        if (!shownDeletes.isEmpty()) {
            Map<String, Contact> gone = store.findBySourceIds(shownDeletes);
            for (String id : shownDeletes) {
                Contact c = gone.get(id);
                shown.add(new ContactChange(ContactChange.Kind.DELETE, c == null ? Contact.DEFAULT_SOURCE : c.source(),
                        id, c == null ? id : c.displayName()));
            }
        }
        int beyond = changes.size() + deletes.size() - shown.size();
        // Every change is a write or a deletion: with neither there is nothing to write or list.
        if (!writes.isEmpty() || !deletes.isEmpty()) {
            if (apply) {
                beforeWrite.run();
                store.write(writes, deletes, changeLog, runId, shown, beyond);
            } else {
                changeLog.append(runId, shown, beyond);
            }
            listed += shown.size();
        }
        counts.add(stats);
    }

    private static ContactChange change(ContactChange.Kind kind, Contact c) {
        return new ContactChange(kind, c.source(), c.sourceId(), c.displayName());
    }
}
