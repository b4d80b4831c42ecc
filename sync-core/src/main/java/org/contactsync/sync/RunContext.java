package org.contactsync.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.contactsync.contact.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of one read of one source: routes contacts to the sink, progress and cancellation to the supervisor; its look-ups
 * see only that source's contacts and cursor.
 */
final class RunContext implements SyncContext {
    private static final Logger log = LoggerFactory.getLogger(RunContext.class);

    private final RunSettings settings;
    private final SyncSource source;
    private final SyncType type;
    private final ChangeSink sink;
    private final ReadSupervisor supervisor;
    private String newCursor;

    RunContext(RunSettings settings, SyncSource source, SyncType type, ChangeSink sink, ReadSupervisor supervisor) {
        this.settings = settings;
        this.source = source;
        this.type = type;
        this.sink = sink;
        this.supervisor = supervisor;
    }

    /** The cursor the engine handed over, or null. */
    String handedOverCursor() {
        return newCursor;
    }

    @Override
    public String source() {
        return source.name();
    }

    @Override
    public SyncType type() {
        return type;
    }

    @Override
    public Optional<String> cursor() {
        return type == SyncType.INCREMENTAL ? settings.stateStore().cursor(source.cursorKey()) : Optional.empty();
    }

    @Override
    public void upsert(Contact contact) {
        sink.upsert(Objects.requireNonNull(contact, "contact"));
        supervisor.reported();
    }

    @Override
    public void delete(String sourceId) {
        sink.delete(Objects.requireNonNull(sourceId, "sourceId"));
        supervisor.reported();
    }

    @Override
    public void unchanged(String sourceId) {
        sink.unchanged(sourceId);
        supervisor.reported();
    }

    @Override
    public void skipped(String sourceId, String reason) {
        log.warn("Skipped contact {} of source {}: {}", sourceId, source.name(), reason);
        sink.skipped(sourceId, reason);
        supervisor.reported();
    }

    @Override
    public void progress(int percent, String currentOperation) {
        supervisor.progress(Math.max(0, Math.min(100, percent)), currentOperation);
    }

    @Override
    public void newCursor(String cursor) {
        newCursor = cursor;
    }

    @Override
    public boolean isCancelled() {
        return supervisor.stopRequested() || sink.writeFailed();
    }

    // Look-ups first wait for the batches handed over, so the engine sees the store as a run without read-ahead would.

    @Override
    public Optional<String> storedContentHash(String sourceId) {
        sink.awaitHandedOver();
        return Optional.ofNullable(settings.contactStore().contentHashes(source.name(), List.of(sourceId)).get(sourceId));
    }

    @Override
    public Map<String, String> storedContentHashes(Collection<String> sourceIds) {
        sink.awaitHandedOver();
        return settings.contactStore().contentHashes(source.name(), sourceIds);
    }

    @Override
    public Set<String> storedSourceIds() {
        sink.awaitHandedOver();
        return settings.contactStore().sourceIds(source.name());
    }
}
