package org.contactsync.sync;

/**
 * Told about runs on this node as they happen, in order. Called on the run's threads (the reading one, and the one
 * that writes batches while the engine reads ahead): return quickly, never throw (a listener that throws is logged
 * and otherwise ignored).
 */
public interface ProgressListener {
    default void runStarted(SyncRun run) {
    }

    /** Called on every progress change the engine reports (not throttled; throttle in the listener if needed). */
    default void progress(SyncRun run) {
    }

    default void runFinished(SyncRun run) {
    }
}
