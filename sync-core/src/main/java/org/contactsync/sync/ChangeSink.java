package org.contactsync.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;
import org.contactsync.sync.changes.RunChangeLog;

/**
 * Takes what an engine reports, on the reading thread: gathers it into batches for the {@link BatchWriter} (through
 * {@link WriteBehind}), remembers what the source has (so a full sync can remove the rest), and counts what needs no
 * write. The only place, with the writer, where stats are counted, so they match what was written.
 */
final class ChangeSink {
    private final ContactStore store;
    private final String source;
    private final int batchSize;
    private final StatsCounter counts;
    private final BatchWriter writer;
    private final WriteBehind batches;
    private Map<String, Contact> pendingUpserts = new LinkedHashMap<>();
    private Set<String> pendingDeletes = new LinkedHashSet<>();
    private final Set<String> seen = new HashSet<>();
    /** Kept for the run's warning and detail; bounded, as a source may skip thousands. */
    private static final int MAX_SKIPPED_REASONS = 200;
    private final List<String> skippedReasons = new ArrayList<>();

    private ChangeSink(ContactStore store, String source, int batchSize, StatsCounter counts, BatchWriter writer,
                       int readAhead, Executor writerThread, Runnable whileWaiting) {
        this.store = store;
        this.source = source;
        this.batchSize = batchSize;
        this.counts = counts;
        this.writer = writer;
        this.batches = new WriteBehind(writer, readAhead, writerThread, whileWaiting);
    }

    /**
     * A dry run of one source: compares like a run and lists the changes in {@code changes} under {@code runId},
     * with the run's cap, on the caller's thread, writing nothing.
     */
    static ChangeSink recording(RunSettings settings, String source, RunChangeLog changes, long runId,
                                ChangeCap cap) {
        StatsCounter counts = new StatsCounter();
        BatchWriter writer = new BatchWriter(settings.contactStore(), source, false, () -> { }, () -> { }, counts,
                changes, runId, cap, false);
        return new ChangeSink(settings.contactStore(), source, settings.batchSize(), counts, writer, 0, null,
                () -> { });
    }

    /**
     * A real run of one source: writes each batch in one transaction, on {@code writerThread} while the engine reads on when
     * {@code readAhead > 0}.
     *
     * @param beforeWrite runs before each write and throws when the run must stop (see {@link BatchWriter})
     * @param afterWrite  runs after each batch was written
     * @param stopCheck   throws when the run must stop; called while the read waits for the writer
     * @param emptySource a full sync of a source that has no stored contact: the writer looks up only what this
     *                    run wrote
     */
    static ChangeSink applying(RunSettings settings, String source, long runId, ChangeCap cap,
                               StatsCounter counts, Executor writerThread,
                               Runnable beforeWrite, Runnable afterWrite, Runnable stopCheck, boolean emptySource) {
        BatchWriter writer = new BatchWriter(settings.contactStore(), source, true, beforeWrite, afterWrite, counts,
                settings.changeLog(), runId, cap, emptySource);
        return new ChangeSink(settings.contactStore(), source, settings.batchSize(), counts, writer,
                settings.readAhead(), writerThread, stopCheck);
    }

    void upsert(Contact contact) {
        seen.add(contact.sourceId());
        pendingDeletes.remove(contact.sourceId());
        pendingUpserts.put(contact.sourceId(), contact);
        if (pendingUpserts.size() >= batchSize) {
            handOver();
        }
    }

    void delete(String sourceId) {
        pendingUpserts.remove(sourceId);
        seen.remove(sourceId);
        pendingDeletes.add(sourceId);
        if (pendingDeletes.size() >= batchSize) {
            handOver();
        }
    }

    void unchanged(String sourceId) {
        if (seen.add(sourceId)) {
            counts.add(StatsCounter.ONE_UNCHANGED);
        }
    }

    void skipped(String sourceId, String reason) {
        // A contact we could not read is kept as stored: never deleted for being "missing".
        if (sourceId != null) {
            seen.add(sourceId);
        }
        counts.add(StatsCounter.ONE_ERROR);
        if (skippedReasons.size() < MAX_SKIPPED_REASONS) {
            skippedReasons.add(reason == null ? "(no reason given)" : reason);
        }
    }

    /** Why contacts were skipped, in the order reported (the first {@value #MAX_SKIPPED_REASONS}), for the warning. */
    List<String> skippedReasons() {
        return List.copyOf(skippedReasons);
    }

    /** Forgets what was seen, for a full sync that restarts after an expired cursor. Counts stay. */
    void restartAsFull() {
        handOver();
        seen.clear();
    }

    /** Hands over the pending batch and waits until everything handed over is written. */
    void flush() {
        handOver();
        batches.awaitWritten();
    }

    /** Waits until the batches handed over so far are written (the store then looks as without read-ahead). */
    void awaitHandedOver() {
        batches.awaitWritten();
    }

    /**
     * After a full read: removes stored contacts of this source that it did not report, in batches. Other sources'
     * contacts are not looked at.
     */
    void deleteUnseen(Runnable betweenBatches) {
        flush();
        List<String> missing = new ArrayList<>();
        for (String id : store.sourceIds(source)) {
            if (!seen.contains(id)) {
                missing.add(id);
            }
        }
        for (int i = 0; i < missing.size(); i += batchSize) {
            betweenBatches.run();
            writer.delete(missing.subList(i, Math.min(missing.size(), i + batchSize)));
        }
    }

    /** Whether writing failed; the read should stop. */
    boolean writeFailed() {
        return batches.failed();
    }

    /** Ends the writing side (see {@link WriteBehind#close()}); returns the writer's earlier failure, or null. */
    Throwable close() {
        return batches.close();
    }

    SyncStats stats() {
        return counts.get();
    }

    private void handOver() {
        if (pendingUpserts.isEmpty() && pendingDeletes.isEmpty()) {
            return;
        }
        Batch batch = new Batch(pendingUpserts.values(), pendingDeletes);
        // New collections rather than clear(): the writer thread may still be reading the handed-over ones.
        pendingUpserts = new LinkedHashMap<>();
        pendingDeletes = new LinkedHashSet<>();
        batches.submit(batch);
    }
}
