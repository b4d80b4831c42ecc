package org.contactsync.metrics;

/**
 * Told about every call a source engine makes to a remote API, and every retry, so a metrics binder (or a log) can
 * count them without the engine knowing about any metrics library. Called on the run's thread: return at once and
 * never throw.
 */
public interface SourceCallListener {
    /** Listens to nothing. */
    SourceCallListener NONE = new SourceCallListener() {
    };

    /**
     * One call answered or failed.
     *
     * @param source  the engine's name ("google")
     * @param outcome the HTTP status ("200", "429", "503"), or "timeout", "connection" or "unreadable" when no
     *                usable answer came
     */
    default void called(String source, String outcome) {
    }

    /** The engine waits and then repeats a call that failed with {@code outcome}. */
    default void retried(String source, String outcome) {
    }
}
