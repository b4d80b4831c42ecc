package org.contactsync.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.contactsync.Page;

/**
 * A real, thread-safe {@link ContactStore} in memory: for embedding and fast tests. Writes are atomic (readers
 * see a whole batch or none of it).
 */
public final class InMemoryContactStore implements ContactStore {
    /** The order every store lists contacts in. */
    public static final Comparator<Contact> BY_NAME = Comparator
            .comparing((Contact c) -> SearchText.fold(c.displayName()))
            .thenComparingLong(Contact::id);

    private final Map<String, Contact> bySourceId = new HashMap<>();
    private final Map<Long, Contact> byId = new HashMap<>();
    private final NavigableMap<SortKey, Contact> ordered = new TreeMap<>();
    private long nextId = 1;
    private long version;

    @Override
    public synchronized Map<String, String> contentHashes(Collection<String> sourceIds) {
        Map<String, String> result = new HashMap<>();
        for (String id : sourceIds) {
            Contact c = bySourceId.get(id);
            if (c != null) {
                result.put(id, c.contentHash());
            }
        }
        return result;
    }

    @Override
    public synchronized Set<String> sourceIds() {
        return new HashSet<>(bySourceId.keySet());
    }

    @Override
    public synchronized void write(List<Contact> upserts, Collection<String> deletions) {
        // Checked before anything changes, so that bad input cannot leave a batch half-applied.
        for (Contact c : upserts) {
            Objects.requireNonNull(c, "a contact to write is null");
        }
        for (String sourceId : deletions) {
            Objects.requireNonNull(sourceId, "a source id to delete is null");
        }
        for (Contact c : upserts) {
            Contact old = bySourceId.get(c.sourceId());
            long id = old != null ? old.id() : nextId++;
            Contact stored = c.withId(id);
            if (old != null) {
                ordered.remove(SortKey.of(old));
            }
            bySourceId.put(c.sourceId(), stored);
            byId.put(id, stored);
            ordered.put(SortKey.of(stored), stored);
        }
        for (String sourceId : deletions) {
            Contact old = bySourceId.remove(sourceId);
            if (old != null) {
                byId.remove(old.id());
                ordered.remove(SortKey.of(old));
            }
        }
        version++;
    }

    @Override
    public synchronized Optional<Contact> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Contact> findBySourceId(String sourceId) {
        return Optional.ofNullable(bySourceId.get(sourceId));
    }

    @Override
    public synchronized Map<String, Contact> findBySourceIds(Collection<String> sourceIds) {
        Map<String, Contact> result = new HashMap<>();
        for (String id : sourceIds) {
            Contact c = bySourceId.get(id);
            if (c != null) {
                result.put(id, c);
            }
        }
        return result;
    }

    @Override
    public Page<Contact> search(ContactQuery query) {
        List<Contact> matches = new ArrayList<>();
        for (Contact c : sorted()) {
            if (query.matches(c)) {
                matches.add(c);
            }
        }
        int from = Math.min(query.offset(), matches.size());
        int to = Math.min(matches.size(), from + query.limit());
        return new Page<>(matches.subList(from, to), matches.size(), query.limit(), query.offset());
    }

    @Override
    public synchronized long count() {
        return bySourceId.size();
    }

    @Override
    public void forEach(Consumer<Contact> action) {
        sorted().forEach(action);
    }

    @Override
    public synchronized long version() {
        return version;
    }

    private synchronized List<Contact> sorted() {
        return new ArrayList<>(ordered.values());
    }

    /** The {@link #BY_NAME} order with each name folded once, at write time, instead of on every comparison. */
    private record SortKey(String foldedName, long id) implements Comparable<SortKey> {
        static SortKey of(Contact c) {
            return new SortKey(SearchText.fold(c.displayName()), c.id());
        }

        @Override
        public int compareTo(SortKey o) {
            int byName = foldedName.compareTo(o.foldedName);
            return byName != 0 ? byName : Long.compare(id, o.id);
        }
    }
}
