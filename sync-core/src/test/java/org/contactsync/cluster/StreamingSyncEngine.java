package org.contactsync.cluster;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.contactsync.contact.Contact;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;
import org.contactsync.testkit.TestContacts;

/**
 * A source that never runs out: reports generated contacts, each with exactly {@value #PHONES} phone numbers, as fast
 * as the core takes them, until {@link #finish()} is called or the run is cancelled (or its process dies). The core
 * writes them in batches, one transaction each, so a process killed at any moment, between batches or in the middle
 * of one, must leave whole batches of whole contacts only.
 */
final class StreamingSyncEngine implements SyncEngine {
    static final int PHONES = 3;
    private static final int PAGE = 10;

    private volatile boolean finish;
    private final AtomicInteger reported = new AtomicInteger();

    @Override
    public String name() {
        return "streaming";
    }

    /** Ends the current and every later run after its next page. */
    void finish() {
        finish = true;
    }

    /** Contacts reported so far, over all runs. */
    int reported() {
        return reported.get();
    }

    static Contact contact(int i) {
        String n = String.format(Locale.ROOT, "%07d", i);
        return TestContacts.personWithId("streaming/" + n, "Streaming " + n, "+1 555 1" + n, "+1 555 2" + n,
                "+1 555 3" + n);
    }

    @Override
    public void sync(SyncContext ctx) {
        for (int i = 1; ; i++) {
            ctx.upsert(contact(i));
            reported.incrementAndGet();
            if (i % PAGE == 0) {
                // The percent is meaningless for an endless source; it only shows that the run moves.
                ctx.progress(i / PAGE % 100, "Reading contacts: " + i);
                ctx.checkCancelled();
                if (finish) {
                    return;
                }
            }
        }
    }
}
