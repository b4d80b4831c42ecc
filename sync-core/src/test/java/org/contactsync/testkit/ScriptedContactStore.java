package org.contactsync.testkit;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactStore;

/**
 * A real {@link ContactStore} (any: in-memory, JDBC) whose next writes a test can script: fail the Nth write (as a
 * database that went away), or hold it until released (as a slow database), to see what a run does meanwhile.
 * Everything else passes straight through.
 */
public final class ScriptedContactStore extends ForwardingContactStore {
    private final AtomicInteger writes = new AtomicInteger();
    private final Deque<Script> scripts = new ArrayDeque<>();
    private volatile RuntimeException failEvery;

    private record Script(int atWrite, RuntimeException failure, CountDownLatch hold, CountDownLatch held) {
    }

    /** Holds a write until released. */
    public static final class Hold {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until a write is held; fails the test after 10 seconds. */
        public void awaitReached() throws InterruptedException {
            if (!reached.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("no write reached the hold within 10 s");
            }
        }

        public void release() {
            released.countDown();
        }
    }

    public ScriptedContactStore(ContactStore store) {
        super(store);
    }

    /** Write number {@code n} (1 = the next one) throws {@code failure} and writes nothing. */
    public synchronized ScriptedContactStore failWrite(int n, RuntimeException failure) {
        scripts.add(new Script(writes.get() + n, failure, null, null));
        return this;
    }

    /** Every write from now on throws {@code failure} and writes nothing (a database that is gone). */
    public synchronized ScriptedContactStore failEveryWrite(RuntimeException failure) {
        failEvery = failure;
        return this;
    }

    /** Write number {@code n} (1 = the next one) waits until the returned hold is released, then writes. */
    public synchronized Hold holdWrite(int n) {
        Hold hold = new Hold();
        scripts.add(new Script(writes.get() + n, null, hold.released, hold.reached));
        return hold;
    }

    /** How many writes were asked for so far (failed ones included). */
    public int writes() {
        return writes.get();
    }

    @Override
    public void write(String source, List<Contact> upserts, Collection<String> deletions) {
        int n = writes.incrementAndGet();
        Script script;
        synchronized (this) {
            script = scripts.stream().filter(s -> s.atWrite() == n).findFirst().orElse(null);
            scripts.remove(script);
        }
        if (script != null && script.hold() != null) {
            script.held().countDown();
            try {
                if (!script.hold().await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held write was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
        if (script != null && script.failure() != null) {
            throw script.failure();
        }
        if (failEvery != null) {
            throw failEvery;
        }
        delegate.write(source, upserts, deletions);
    }
}
