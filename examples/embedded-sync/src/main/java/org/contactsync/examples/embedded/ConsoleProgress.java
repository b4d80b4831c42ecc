package org.contactsync.examples.embedded;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStats;

/**
 * Prints a run as it goes: one line when it starts, one per 10 % of progress, one when it ends. The manager calls
 * {@link #progress} on every change the engine reports, so this listener throttles itself.
 */
final class ConsoleProgress implements ProgressListener {
    private final PrintStream out;
    private int lastDecile = -1;

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void runStarted(SyncRun run) {
        lastDecile = -1;
        out.printf(Locale.ROOT, "Run %d (%s) started%n", run.id(), lower(run.type()));
    }

    @Override
    public synchronized void progress(SyncRun run) {
        int decile = run.percent() / 10;
        if (decile != lastDecile) {
            lastDecile = decile;
            out.printf(Locale.ROOT, "  [%3d%%] %s%n", run.percent(), run.currentOperation());
        }
    }

    @Override
    public synchronized void runFinished(SyncRun run) {
        SyncStats s = run.stats();
        out.printf(Locale.ROOT, "Run %d %s: %d added, %d updated, %d deleted, %d unchanged, %d skipped in %d ms%n",
                run.id(), lower(run.status()), s.added(), s.updated(), s.deleted(), s.unchanged(), s.errors(),
                run.duration(Instant.now()).toMillis());
        if (run.error() != null) {
            out.println("  " + run.error());
        }
    }

    static String lower(Enum<?> e) {
        return e == null ? "?" : e.name().toLowerCase(Locale.ROOT);
    }
}
