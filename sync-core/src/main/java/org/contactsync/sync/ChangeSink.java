package org.contactsync.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;

/**
 * Takes what an engine reports, compares it with the stored copy in batches, and either writes the changes
 * (a real run) or records them (a dry run). The only place stats are counted, so they match what was written.
 */
final class ChangeSink {
    private final ContactStore store;
    private final int batchSize;
    private final boolean apply;
    private final Runnable beforeWrite;
    private final Map<String, Contact> pendingUpserts = new LinkedHashMap<>();
    private final Set<String> pendingDeletes = new LinkedHashSet<>();
    private final Set<String> seen = new HashSet<>();
    private final List<PlannedChange> planned = new ArrayList<>();
    private boolean plannedTruncated;
    private int added;
    private int updated;
    private int deleted;
    private int unchanged;
    private int errors;
    /** Kept for the run's warning and detail; bounded, as a source may skip thousands. */
    private static final int MAX_SKIPPED_REASONS = 200;
    private final List<String> skippedReasons = new ArrayList<>();

    ChangeSink(ContactStore store, int batchSize, boolean apply) {
        this(store, batchSize, apply, () -> { });
    }

    /** @param beforeWrite runs before each write to the store and may throw to stop the run (lease lost, cancelled) */
    ChangeSink(ContactStore store, int batchSize, boolean apply, Runnable beforeWrite) {
        this.store = store;
        this.batchSize = batchSize;
        this.apply = apply;
        this.beforeWrite = beforeWrite;
    }

    void upsert(Contact contact) {
        seen.add(contact.sourceId());
        pendingDeletes.remove(contact.sourceId());
        pendingUpserts.put(contact.sourceId(), contact);
        if (pendingUpserts.size() >= batchSize) {
            flush();
        }
    }

    void delete(String sourceId) {
        pendingUpserts.remove(sourceId);
        seen.remove(sourceId);
        pendingDeletes.add(sourceId);
        if (pendingDeletes.size() >= batchSize) {
            flush();
        }
    }

    void unchanged(String sourceId) {
        if (seen.add(sourceId)) {
            unchanged++;
        }
    }

    void skipped(String sourceId, String reason) {
        // A contact we could not read is kept as stored: never deleted for being "missing".
        if (sourceId != null) {
            seen.add(sourceId);
        }
        errors++;
        if (skippedReasons.size() < MAX_SKIPPED_REASONS) {
            skippedReasons.add(reason == null ? "(no reason given)" : reason);
        }
    }

    /** Why contacts were skipped, in the order reported (the first {@value #MAX_SKIPPED_REASONS}). */
    List<String> skippedReasons() {
        return List.copyOf(skippedReasons);
    }

    /** Forgets what was seen, for a full sync that restarts after an expired cursor. Counts stay. */
    void restartAsFull() {
        flush();
        seen.clear();
    }

    /** Compares the pending batch with the store and writes (or records) what changed, in one transaction. */
    void flush() {
        if (pendingUpserts.isEmpty() && pendingDeletes.isEmpty()) {
            return;
        }
        List<String> ids = new ArrayList<>(pendingUpserts.size() + pendingDeletes.size());
        ids.addAll(pendingUpserts.keySet());
        ids.addAll(pendingDeletes);
        Map<String, String> stored = store.contentHashes(ids);
        List<Contact> writes = new ArrayList<>();
        int batchAdded = 0;
        int batchUpdated = 0;
        int batchUnchanged = 0;
        for (Contact c : pendingUpserts.values()) {
            String old = stored.get(c.sourceId());
            if (old == null) {
                batchAdded++;
                writes.add(c);
                plan(PlannedChange.Kind.ADD, c.sourceId(), c.displayName());
            } else if (!old.equals(c.contentHash())) {
                batchUpdated++;
                writes.add(c);
                plan(PlannedChange.Kind.UPDATE, c.sourceId(), c.displayName());
            } else {
                batchUnchanged++;
            }
        }
        List<String> deletes = new ArrayList<>();
        for (String id : pendingDeletes) {
            if (stored.containsKey(id)) {
                deletes.add(id);
            }
        }
        writeOrPlanDeletes(writes, deletes);
        // Counted only once the batch is written, so a failed write leaves the stats matching the store.
        added += batchAdded;
        updated += batchUpdated;
        unchanged += batchUnchanged;
        pendingUpserts.clear();
        pendingDeletes.clear();
    }

    /** After a full read: removes stored contacts the source did not report, in batches. */
    void deleteUnseen(Runnable betweenBatches) {
        flush();
        List<String> missing = new ArrayList<>();
        for (String id : store.sourceIds()) {
            if (!seen.contains(id)) {
                missing.add(id);
            }
        }
        for (int i = 0; i < missing.size(); i += batchSize) {
            betweenBatches.run();
            writeOrPlanDeletes(List.of(), missing.subList(i, Math.min(missing.size(), i + batchSize)));
        }
    }

    private void writeOrPlanDeletes(List<Contact> writes, Collection<String> deletes) {
        if (apply) {
            if (!writes.isEmpty() || !deletes.isEmpty()) {
                beforeWrite.run();
                store.write(writes, deletes);
            }
        } else {
            for (String id : deletes) {
                String name = store.findBySourceId(id).map(Contact::displayName).orElse(id);
                plan(PlannedChange.Kind.DELETE, id, name);
            }
        }
        deleted += deletes.size();
    }

    private void plan(PlannedChange.Kind kind, String sourceId, String name) {
        if (apply) {
            return;
        }
        if (planned.size() < SyncPreview.MAX_LISTED) {
            planned.add(new PlannedChange(kind, sourceId, name));
        } else {
            plannedTruncated = true;
        }
    }

    SyncStats stats() {
        return new SyncStats(added, updated, deleted, unchanged, errors);
    }

    List<PlannedChange> planned() {
        return planned;
    }

    boolean plannedTruncated() {
        return plannedTruncated;
    }
}
