package org.contactsync.sync;

/**
 * Reads one contact source. An engine only reads and reports: it hands each contact to
 * {@link SyncContext#upsert}, {@link SyncContext#delete} or {@link SyncContext#unchanged}, and the core decides what
 * to write and counts it, so stats are true whatever the engine does.
 *
 * <p>For FULL the engine reports every contact the source has; the core removes the rest only after
 * {@code sync} returned normally. For INCREMENTAL it reports changes since {@link SyncContext#cursor()} and hands
 * the next cursor to {@link SyncContext#newCursor}; the core stores it only when the run completes.
 */
public interface SyncEngine {

    /** A short stable name ("google", "vcard"), used as the key of the engine's stored cursor. */
    String name();

    /**
     * Whether this engine keeps a cursor between runs. When it does and none is stored yet, an INCREMENTAL request
     * runs as FULL (and is recorded as such).
     */
    default boolean usesCursor() {
        return false;
    }

    /**
     * Runs one sync. Throw {@link CursorExpiredException} when the source no longer accepts the cursor (the core then
     * runs a full sync in the same run), {@link SyncSourceException} with a message for people when the source fails,
     * and {@link SyncCancelledException} (via {@link SyncContext#checkCancelled()}) when cancelled.
     */
    void sync(SyncContext context) throws Exception;
}
