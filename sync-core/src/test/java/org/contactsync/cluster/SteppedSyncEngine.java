package org.contactsync.cluster;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;

/**
 * Reads a fixed source page by page, and waits before each page until the test allows it, so the test can watch a
 * run's progress move one page at a time (from another node) or cancel it while it waits.
 */
final class SteppedSyncEngine implements SyncEngine {
    private final List<Contact> source;
    private final int pageSize;
    private final Semaphore allowed = new Semaphore(0);
    /** The page a run is waiting to read, or 0 when it is not waiting. */
    private final AtomicInteger waitingBefore = new AtomicInteger();

    SteppedSyncEngine(List<Contact> source, int pageSize) {
        this.source = List.copyOf(source);
        this.pageSize = pageSize;
    }

    @Override
    public String name() {
        return "stepped";
    }

    /** Lets the run read {@code pages} more pages. */
    void allowPages(int pages) {
        allowed.release(pages);
    }

    /** The page the run waits before (1 = it has read nothing yet), or 0 when no run waits. */
    int waitingBeforePage() {
        return waitingBefore.get();
    }

    int pages() {
        return (source.size() + pageSize - 1) / pageSize;
    }

    @Override
    public void sync(SyncContext ctx) throws Exception {
        int pages = pages();
        for (int page = 1; page <= pages; page++) {
            waitingBefore.set(page);
            try {
                while (!allowed.tryAcquire(20, TimeUnit.MILLISECONDS)) {
                    ctx.checkCancelled();
                }
            } finally {
                waitingBefore.set(0);
            }
            for (Contact c : source.subList((page - 1) * pageSize, Math.min(source.size(), page * pageSize))) {
                ctx.upsert(c);
            }
            ctx.progress(page * 100 / pages, "Reading contacts: page " + page + " of " + pages);
        }
    }
}
