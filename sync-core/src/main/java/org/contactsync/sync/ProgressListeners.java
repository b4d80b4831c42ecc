package org.contactsync.sync;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one manager; a listener that throws is logged and otherwise ignored. */
final class ProgressListeners {
    private static final Logger log = LoggerFactory.getLogger(ProgressListeners.class);

    private final List<ProgressListener> listeners = new CopyOnWriteArrayList<>();

    ProgressListeners(Collection<ProgressListener> initial) {
        listeners.addAll(initial);
    }

    void add(ProgressListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(ProgressListener listener) {
        listeners.remove(listener);
    }

    void notify(Consumer<ProgressListener> call) {
        for (ProgressListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("A progress listener failed and was ignored: {}", e.toString());
            }
        }
    }
}
