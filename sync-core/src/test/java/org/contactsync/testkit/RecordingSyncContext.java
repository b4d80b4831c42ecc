package org.contactsync.testkit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncType;

/**
 * A {@link SyncContext} that records every call an engine makes, in order, over a local copy the test describes
 * (source id → content hash). Drives a {@link SyncEngine} directly, without a manager or stores: what the engine
 * reported is exactly what {@link #events()} holds.
 *
 * <pre>{@code
 * RecordingSyncContext read = RecordingSyncContext.full().cancelAfter(10);
 * assertThatThrownBy(() -> engine.sync(read)).isInstanceOf(SyncCancelledException.class);
 * assertThat(read.contactsReported()).isLessThanOrEqualTo(20);
 * }</pre>
 */
public final class RecordingSyncContext implements SyncContext {
    /** One call of the engine. */
    public sealed interface Event {
    }

    public record Upsert(Contact contact) implements Event {
    }

    public record Delete(String sourceId) implements Event {
    }

    public record Unchanged(String sourceId) implements Event {
    }

    public record Skipped(String sourceId, String reason) implements Event {
    }

    public record Progress(int percent, String operation) implements Event {
    }

    public record NewCursor(String cursor) implements Event {
    }

    private final String source;
    private final SyncType type;
    private final String cursor;
    private final Map<String, String> stored;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private volatile int cancelAfter = Integer.MAX_VALUE;
    private volatile int reported;

    private RecordingSyncContext(String source, SyncType type, String cursor, Map<String, String> stored) {
        this.source = source;
        this.type = type;
        this.cursor = cursor;
        this.stored = Map.copyOf(stored);
    }

    /** A FULL read over an empty local copy. */
    public static RecordingSyncContext full() {
        return new RecordingSyncContext(Contact.DEFAULT_SOURCE, SyncType.FULL, null, Map.of());
    }

    /** An INCREMENTAL read from {@code cursor} (null: none stored) over a local copy of source id → content hash. */
    public static RecordingSyncContext incremental(String cursor, Map<String, String> stored) {
        return new RecordingSyncContext(Contact.DEFAULT_SOURCE, SyncType.INCREMENTAL, cursor, stored);
    }

    /**
     * The same read (type, cursor, local copy) for the configured source of this name: what {@link #source()}
     * answers; the local copy given stands for that source's contacts. Nothing recorded yet is carried over.
     */
    public RecordingSyncContext forSource(String sourceName) {
        return new RecordingSyncContext(sourceName, type, cursor, stored);
    }

    /** The run is asked to stop once the engine has reported {@code contacts} contacts. */
    public RecordingSyncContext cancelAfter(int contacts) {
        cancelAfter = contacts;
        return this;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** How many contacts were reported (upserted, deleted, unchanged or skipped). */
    public int contactsReported() {
        return reported;
    }

    public List<Contact> upserts() {
        return events.stream().filter(Upsert.class::isInstance).map(e -> ((Upsert) e).contact()).toList();
    }

    /** Every source id the engine reported as present (upserted, unchanged or skipped), in order. */
    public List<String> presentIds() {
        List<String> ids = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof Upsert u) {
                ids.add(u.contact().sourceId());
            } else if (e instanceof Unchanged u) {
                ids.add(u.sourceId());
            } else if (e instanceof Skipped s && s.sourceId() != null) {
                ids.add(s.sourceId());
            }
        }
        return ids;
    }

    public List<Integer> percents() {
        return events.stream().filter(Progress.class::isInstance).map(e -> ((Progress) e).percent()).toList();
    }

    public List<String> cursors() {
        return events.stream().filter(NewCursor.class::isInstance).map(e -> ((NewCursor) e).cursor()).toList();
    }

    /** What a local copy would hold after this read, applied to the copy it started from (for a next read). */
    public Map<String, String> storedAfter() {
        Map<String, String> after = new HashMap<>(type == SyncType.FULL ? Map.of() : stored);
        for (Event e : events) {
            if (e instanceof Upsert u) {
                after.put(u.contact().sourceId(), u.contact().contentHash());
            } else if (e instanceof Delete d) {
                after.remove(d.sourceId());
            } else if (e instanceof Unchanged u && stored.containsKey(u.sourceId())) {
                after.put(u.sourceId(), stored.get(u.sourceId()));
            }
        }
        return after;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public SyncType type() {
        return type;
    }

    @Override
    public Optional<String> cursor() {
        return type == SyncType.INCREMENTAL ? Optional.ofNullable(cursor) : Optional.empty();
    }

    @Override
    public void upsert(Contact contact) {
        record(new Upsert(contact));
    }

    @Override
    public void delete(String sourceId) {
        record(new Delete(sourceId));
    }

    @Override
    public void unchanged(String sourceId) {
        record(new Unchanged(sourceId));
    }

    @Override
    public void skipped(String sourceId, String reason) {
        record(new Skipped(sourceId, reason));
    }

    @Override
    public void progress(int percent, String currentOperation) {
        events.add(new Progress(percent, currentOperation));
    }

    @Override
    public void newCursor(String newCursor) {
        events.add(new NewCursor(newCursor));
    }

    @Override
    public boolean isCancelled() {
        return reported >= cancelAfter;
    }

    @Override
    public Optional<String> storedContentHash(String sourceId) {
        return Optional.ofNullable(stored.get(sourceId));
    }

    @Override
    public Map<String, String> storedContentHashes(Collection<String> sourceIds) {
        Map<String, String> found = new HashMap<>();
        for (String id : sourceIds) {
            if (stored.containsKey(id)) {
                found.put(id, stored.get(id));
            }
        }
        return found;
    }

    @Override
    public Set<String> storedSourceIds() {
        return Set.copyOf(stored.keySet());
    }

    private void record(Event e) {
        events.add(e);
        reported++;
    }
}
