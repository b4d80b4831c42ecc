package org.contactsync.testkit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.Contact;
import org.contactsync.sync.CursorExpiredException;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncType;

/**
 * A real {@link SyncEngine} over a source the test controls, shaped like a sync-token API (Google People): the
 * source keeps a change log, a cursor is a position in it, an incremental run reports the changes after the cursor
 * (upserts and deletions) and hands out a new cursor. A test can also script the next runs: fail before page N,
 * block before page N until released (to observe a RUNNING run), or expire every cursor handed out so far.
 *
 * <pre>{@code
 * ScriptedSyncEngine engine = new ScriptedSyncEngine().withCursor().pageSize(2)
 *         .put(TestContacts.person("Ann Lee", "+1 555 0100"));
 * ScriptedSyncEngine.Gate gate = engine.blockNextRun(1);
 * manager.trigger(SyncType.FULL);
 * gate.awaitReached();   // the run is RUNNING now
 * gate.release();
 * }</pre>
 *
 * <p>Thread-safe: the test changes the source while the run thread reads a snapshot taken when the run started.
 */
public final class ScriptedSyncEngine implements SyncEngine {
    /** For {@link #failNextRun} and {@link #blockNextRun}: after the last page, before the run returns. */
    public static final int AFTER_LAST_PAGE = Integer.MAX_VALUE;

    private final String name;
    private volatile boolean usesCursor;
    private volatile int pageSize = 100;
    private final Map<String, Contact> source = new LinkedHashMap<>();
    /** Source id → version of its last change; a deletion keeps its entry in {@link #deletedAt}. */
    private final Map<String, Long> changedAt = new LinkedHashMap<>();
    private final Map<String, Long> deletedAt = new LinkedHashMap<>();
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    private final Deque<RunScript> scripts = new ArrayDeque<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger pagesRead = new AtomicInteger();
    private long version;
    private long expiredBefore;

    /** One run as the engine saw it: the type it was asked for and the cursor it was given. */
    public record Call(SyncType type, Optional<String> cursor) {
    }

    public ScriptedSyncEngine() {
        this("scripted");
    }

    public ScriptedSyncEngine(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean usesCursor() {
        return usesCursor;
    }

    /** Makes this a cursor engine: runs hand out cursors, INCREMENTAL runs read only changes since theirs. */
    public ScriptedSyncEngine withCursor() {
        usesCursor = true;
        return this;
    }

    /** Contacts per page; each page is followed by a progress report and a cancellation check. */
    public ScriptedSyncEngine pageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        pageSize = size;
        return this;
    }

    /** Adds or replaces contacts at the source. */
    public synchronized ScriptedSyncEngine put(Contact... contacts) {
        return put(List.of(contacts));
    }

    public synchronized ScriptedSyncEngine put(Collection<Contact> contacts) {
        for (Contact c : contacts) {
            version++;
            source.put(c.sourceId(), c);
            changedAt.put(c.sourceId(), version);
            deletedAt.remove(c.sourceId());
        }
        return this;
    }

    /** Deletes contacts at the source (an incremental run reports them as deletions). */
    public synchronized ScriptedSyncEngine remove(String... sourceIds) {
        for (String id : sourceIds) {
            if (source.remove(id) != null) {
                version++;
                changedAt.remove(id);
                deletedAt.put(id, version);
            }
        }
        return this;
    }

    /** A contact the source has but cannot be read: every run reports it as skipped. */
    public synchronized ScriptedSyncEngine unreadable(String sourceId, String reason) {
        unreadable.put(sourceId, reason);
        return this;
    }

    /** What the source holds now. */
    public synchronized List<Contact> contacts() {
        return List.copyOf(source.values());
    }

    /** Every cursor handed out so far is refused from now on: the next INCREMENTAL run throws CursorExpiredException. */
    public synchronized ScriptedSyncEngine expireCursors() {
        expiredBefore = version + 1;
        return this;
    }

    /** The next run throws {@code failure} before page {@code atPage} (1 = before reading anything). */
    public synchronized ScriptedSyncEngine failNextRun(int atPage, Exception failure) {
        scripts.add(new RunScript(atPage, failure, null));
        return this;
    }

    /** The next {@code runs} runs each throw {@code failure} before their first page. */
    public synchronized ScriptedSyncEngine failNextRuns(int runs, Exception failure) {
        for (int i = 0; i < runs; i++) {
            scripts.add(new RunScript(1, failure, null));
        }
        return this;
    }

    /**
     * The next run stops before page {@code atPage} until the returned gate is released (or the run is cancelled,
     * which it then honours).
     */
    public synchronized Gate blockNextRun(int atPage) {
        Gate gate = new Gate();
        scripts.add(new RunScript(atPage, null, gate));
        return gate;
    }

    /** Every run so far, in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public int runCount() {
        return calls.size();
    }

    /** How many pages the runs so far began to read, all runs together. */
    public int pagesRead() {
        return pagesRead.get();
    }

    @Override
    public void sync(SyncContext ctx) throws Exception {
        Optional<String> cursor = ctx.cursor();
        calls.add(new Call(ctx.type(), cursor));
        RunScript script;
        List<Object> items = new ArrayList<>(); // Contact to upsert, or String source id to delete
        Map<String, String> skipped;
        long versionAtStart;
        synchronized (this) {
            script = scripts.isEmpty() ? RunScript.NONE : scripts.poll();
            versionAtStart = version;
            skipped = new LinkedHashMap<>(unreadable);
            if (ctx.type() == SyncType.INCREMENTAL && usesCursor && cursor.isPresent()) {
                long since = parse(cursor.get());
                if (since < expiredBefore) {
                    throw new CursorExpiredException("sync token " + cursor.get() + " expired");
                }
                changedAt.forEach((id, v) -> {
                    if (v > since) {
                        items.add(source.get(id));
                    }
                });
                deletedAt.forEach((id, v) -> {
                    if (v > since) {
                        items.add(id);
                    }
                });
            } else if (ctx.type() == SyncType.INCREMENTAL) {
                // No cursor to go by: compare with the local copy, like a file source does.
                items.addAll(source.values());
                for (String stored : ctx.storedSourceIds()) {
                    if (!source.containsKey(stored) && !unreadable.containsKey(stored)) {
                        items.add(stored);
                    }
                }
            } else {
                items.addAll(source.values());
            }
        }
        int size = pageSize;
        int pages = (items.size() + size - 1) / size;
        for (int page = 1; page <= pages; page++) {
            script.beforePage(page, ctx);
            ctx.checkCancelled();
            pagesRead.incrementAndGet();
            for (Object item : items.subList((page - 1) * size, Math.min(items.size(), page * size))) {
                if (item instanceof Contact c) {
                    ctx.upsert(c);
                } else {
                    ctx.delete((String) item);
                }
            }
            ctx.progress(page * 100 / pages, "Reading contacts: page " + page + " of " + pages);
        }
        script.afterLastPage(pages, ctx);
        skipped.forEach(ctx::skipped);
        if (usesCursor) {
            ctx.newCursor("v" + versionAtStart);
        }
    }

    private static long parse(String cursor) {
        try {
            return Long.parseLong(cursor.substring(1));
        } catch (RuntimeException e) {
            throw new CursorExpiredException("sync token " + cursor + " is not one of ours", e);
        }
    }

    /** What one run does besides reading: fail or block before a page. */
    private record RunScript(int atPage, Exception failure, Gate gate) {
        static final RunScript NONE = new RunScript(0, null, null);

        void beforePage(int page, SyncContext ctx) throws Exception {
            if (page == atPage) {
                act(ctx);
            }
        }

        /** Fires a script aimed past the last page (e.g. AFTER_LAST_PAGE) once all pages were read. */
        void afterLastPage(int pages, SyncContext ctx) throws Exception {
            if (atPage > pages) {
                act(ctx);
            }
        }

        private void act(SyncContext ctx) throws Exception {
            if (gate != null) {
                gate.pass(ctx);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Holds a run at a point until released; lets a test see the run while it is RUNNING. */
    public static final class Gate {
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the run is held at the gate; fails the test after 10 seconds. */
        public void awaitReached() throws InterruptedException {
            awaitReached(Duration.ofSeconds(10));
        }

        public void awaitReached(Duration timeout) throws InterruptedException {
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the run did not reach the gate within " + timeout);
            }
        }

        public boolean isReached() {
            return reached.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }

        private void pass(SyncContext ctx) throws InterruptedException {
            reached.countDown();
            while (!released.await(10, TimeUnit.MILLISECONDS)) {
                if (ctx.isCancelled()) {
                    ctx.checkCancelled();
                }
            }
        }
    }
}
