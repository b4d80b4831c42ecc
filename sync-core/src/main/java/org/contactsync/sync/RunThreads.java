package org.contactsync.sync;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A manager's threads: one runs the runs, one writes their batches while the engine reads ahead, one heartbeats. */
final class RunThreads {
    private static final Logger log = LoggerFactory.getLogger(RunThreads.class);

    private final ExecutorService runs = Executors.newSingleThreadExecutor(daemonThreads("contactsync-run"));
    private final ExecutorService writes = Executors.newSingleThreadExecutor(daemonThreads("contactsync-write"));
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("contactsync-heartbeat"));

    ExecutorService runs() {
        return runs;
    }

    ExecutorService writes() {
        return writes;
    }

    ScheduledExecutorService heartbeats() {
        return heartbeats;
    }

    /** Waits up to ten seconds for the active run (already told to stop) to record its end, then stops every thread. */
    void shutDown(Object activeRunId) {
        runs.shutdown();
        try {
            if (!runs.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Sync run {} did not stop within 10 s of shutdown; interrupting it", activeRunId);
                runs.shutdownNow();
            }
        } catch (InterruptedException e) {
            runs.shutdownNow();
            Thread.currentThread().interrupt();
        }
        writes.shutdownNow();
        heartbeats.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
