package org.contactsync.sync;

/**
 * Whoever drives a {@link ReadPass}: a real run (progress, lease, cancellation) or a preview ({@link #NONE}). Each
 * method may throw to stop the read.
 */
interface ReadSupervisor {
    /** A preview: never stops, hears nothing. */
    ReadSupervisor NONE = new ReadSupervisor() {
    };

    /** Whether the engine should stop (its {@link SyncContext#isCancelled()}). */
    default boolean stopRequested() {
        return false;
    }

    /** Throws when the read must stop now; called between the steps of the pass and between deletion batches. */
    default void checkStillRunning() {
    }

    /** The engine reported progress (percent already within 0..100). */
    default void progress(int percent, String operation) {
    }

    /** The engine reported a contact (upsert, delete, unchanged or skipped). */
    default void reported() {
    }

    /** The source refused the cursor; the pass reads again as a full sync, having forgotten what it saw. */
    default void restartedAsFull(CursorExpiredException e) {
    }

    /** Every page arrived; the pass now removes stored contacts the source did not report. */
    default void deletingUnseen() {
    }
}
