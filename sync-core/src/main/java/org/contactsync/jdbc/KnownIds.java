package org.contactsync.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local ids that the latest content-hash look-ups found (or did not find), so that the write of the same batch
 * that follows needs no look-up of its own. Only a hint: each entry is used once, and the write checks that every
 * update hit its row and every insert was new, clearing this and looking up again if not.
 */
final class KnownIds {
    /** Stands for "looked up and not stored". */
    static final long ABSENT = 0;

    private final Map<String, Long> ids;

    /** @param capacity most entries kept (the newest win); a few batches' worth */
    KnownIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void remember(String source, String sourceId, long id) {
        ids.put(key(source, sourceId), id);
    }

    /** The id found for {@code sourceId} of {@code source} ({@link #ABSENT}: not stored), or null if unknown; forgets it. */
    synchronized Long take(String source, String sourceId) {
        return ids.remove(key(source, sourceId));
    }

    /** Source names are validated identifiers (no NUL), so this key is unambiguous. */
    private static String key(String source, String sourceId) {
        return source + '\u0000' + sourceId;
    }

    synchronized void clear() {
        ids.clear();
    }
}
