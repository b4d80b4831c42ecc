package org.contactsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;

/**
 * Compares a batch of one source with that source's stored copy and either writes what changed, in one transaction (a real run), or records
 * it (a dry run). Counts added, updated and deleted only once the batch is written, so the stats of a failed run
 * match the store. Used by one thread at a time.
 */
final class BatchWriter {
    private final ContactStore store;
    private final String source;
    private final boolean apply;
    private final Runnable beforeWrite;
    private final Runnable afterWrite;
    private final StatsCounter counts;
    private final List<PlannedChange> planned = new ArrayList<>();
    private volatile boolean plannedTruncated;

    /**
     * @param beforeWrite runs before each write to the store and may throw to stop the run (lease lost, cancelled)
     * @param afterWrite  runs after each batch was written and counted
     */
    BatchWriter(ContactStore store, String source, boolean apply, Runnable beforeWrite, Runnable afterWrite,
                StatsCounter counts) {
        this.store = store;
        this.source = source;
        this.apply = apply;
        this.beforeWrite = beforeWrite;
        this.afterWrite = afterWrite;
        this.counts = counts;
    }

    void write(Batch batch) {
        List<String> ids = new ArrayList<>(batch.upserts().size() + batch.deletes().size());
        for (Contact c : batch.upserts()) {
            ids.add(c.sourceId());
        }
        ids.addAll(batch.deletes());
        Map<String, String> stored = store.contentHashes(source, ids);
        List<Contact> writes = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        for (Contact c : batch.upserts()) {
            String old = stored.get(c.sourceId());
            if (old == null) {
                added++;
                writes.add(c);
                plan(PlannedChange.Kind.ADD, c.sourceId(), c.displayName());
            } else if (!old.equals(c.contentHash())) {
                updated++;
                writes.add(c);
                plan(PlannedChange.Kind.UPDATE, c.sourceId(), c.displayName());
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
        int deleted = writeOrPlan(writes, deletes);
        counts.add(new SyncStats(added, updated, deleted, unchanged, 0));
        afterWrite.run();
    }

    /** Removes (or records the removal of) stored contacts the source no longer has. */
    void delete(Collection<String> storedIds) {
        counts.add(new SyncStats(0, 0, writeOrPlan(List.of(), storedIds), 0, 0));
        afterWrite.run();
    }

    List<PlannedChange> planned() {
        return planned;
    }

    boolean plannedTruncated() {
        return plannedTruncated;
    }

    private int writeOrPlan(List<Contact> writes, Collection<String> deletes) {
        if (apply) {
            if (!writes.isEmpty() || !deletes.isEmpty()) {
                beforeWrite.run();
                store.write(source, writes, deletes);
            }
        } else {
            for (String id : deletes) {
                String name = store.findBySourceId(source, id).map(Contact::displayName).orElse(id);
                plan(PlannedChange.Kind.DELETE, id, name);
            }
        }
        return deletes.size();
    }

    private void plan(PlannedChange.Kind kind, String sourceId, String name) {
        if (apply) {
            return;
        }
        if (planned.size() < SyncPreview.MAX_LISTED) {
            planned.add(new PlannedChange(kind, sourceId, name, source));
        } else {
            plannedTruncated = true;
        }
    }
}
