package org.contactsync.sync;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the read hands its full batches: with a read-ahead of 0 they are written at once on the reading thread;
 * otherwise a writer thread writes them in order while the engine reads on, at most {@code readAhead} batches
 * (the one being written included) behind the read, so memory stays bounded and a slow source hides the writes.
 *
 * <p>A failure on the writing side stops the read: the next hand-over (or {@link #awaitWritten()}) throws it, and
 * {@link #failed()} turns the engine's cancellation check true. A failure on the reading side lets the writer finish
 * the batches already handed over (as a run without read-ahead would have written them) and nothing more.
 */
final class WriteBehind {
    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);

    /** How often a reading thread that waits for the writer checks whether the run must stop. */
    private static final long STOP_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final BatchWriter writer;
    private final int capacity;
    private final Runnable whileWaiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Batches handed over and not yet written; the head is the one being written. Under lock. */
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private boolean closed;
    private boolean writerDone;
    private volatile Throwable failure;

    /**
     * @param writerThread runs the writer; unused with a read-ahead of 0
     * @param whileWaiting called while the reading thread waits for the writer; throws to stop the run (cancelled,
     *                     lease lost), so a cancel is honoured even while a slow write holds the read back
     */
    WriteBehind(BatchWriter writer, int readAhead, Executor writerThread, Runnable whileWaiting) {
        this.writer = writer;
        this.capacity = readAhead;
        this.whileWaiting = whileWaiting;
        if (readAhead > 0) {
            writerThread.execute(this::writeLoop);
        } else {
            writerDone = true;
        }
    }

    /** Hands over a full batch; waits while the writer is {@code readAhead} batches behind. */
    void submit(Batch batch) {
        if (capacity == 0) {
            writer.write(batch);
            return;
        }
        lock.lock();
        try {
            while (failure == null && queue.size() >= capacity) {
                awaitChange();
            }
            throwIfFailed();
            queue.add(batch);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every batch handed over is written; throws the writer's failure. */
    void awaitWritten() {
        if (capacity == 0) {
            return;
        }
        lock.lock();
        try {
            while (failure == null && !queue.isEmpty()) {
                awaitChange();
            }
            throwIfFailed();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the writer failed; the read should stop. */
    boolean failed() {
        return failure != null;
    }

    /**
     * No more batches: waits for the writer to finish the ones handed over. Returns the writer's failure if it
     * failed before this call (so it, not what the read threw because of it, is the run's failure), else null.
     */
    Throwable close() {
        lock.lock();
        try {
            Throwable earlier = failure;
            closed = true;
            changed.signalAll();
            boolean interrupted = false;
            while (!writerDone) {
                try {
                    changed.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // Shutting down hard: the writer stops at its next write (the lease keeper sees the shutdown).
                    interrupted = true;
                    break;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return earlier;
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        while (true) {
            Batch batch;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    changed.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    writerDone = true;
                    changed.signalAll();
                    return;
                }
                batch = queue.peek();
            } finally {
                lock.unlock();
            }
            Throwable failed = null;
            try {
                writer.write(batch);
            } catch (Throwable t) {
                failed = t;
                log.debug("The batch writer stopped: {}", t.toString());
            }
            lock.lock();
            try {
                if (failed != null) {
                    failure = failed;
                    queue.clear();
                    writerDone = true;
                    changed.signalAll();
                    return;
                }
                queue.poll();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void awaitChange() {
        try {
            changed.awaitNanos(STOP_CHECK_NANOS);
            whileWaiting.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncCancelledException();
        }
    }

    private void throwIfFailed() {
        Throwable t = failure;
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("the batch writer failed", t);
        }
    }
}
