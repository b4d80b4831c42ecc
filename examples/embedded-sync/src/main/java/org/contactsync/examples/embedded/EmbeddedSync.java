package org.contactsync.examples.embedded;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.contactsync.jdbc.ContactSyncDatabase;
import org.contactsync.jdbc.JdbcSettings;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncEngine;
import org.contactsync.sync.SyncManager;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncType;
import org.contactsync.sync.TriggerResult;
import org.contactsync.vcard.VCardSyncEngine;

/**
 * ContactSync embedded in a console program, with sync-core only: an embedded Derby database in a data directory,
 * a full sync and then an incremental one, progress printed as they run, and the run history at the end.
 *
 * <pre>
 * java org.contactsync.examples.embedded.EmbeddedSync [data-dir] [extensions.txt]
 * </pre>
 *
 * Without a second argument it syncs the bundled sample address book ({@link VCardSyncEngine#bundledSample()});
 * with one it syncs that file through the custom {@link ExtensionListEngine}. Run it twice on the same data
 * directory to see the database keep contacts and history between runs.
 */
public final class EmbeddedSync {
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    /** What the example did: the history (newest first) and how many contacts the database holds. */
    public record Result(List<SyncRun> history, long contacts) {
    }

    private EmbeddedSync() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2 || (args.length > 0 && args[0].startsWith("-"))) {
            System.err.println("usage: EmbeddedSync [data-dir] [extensions.txt]");
            System.exit(2);
        }
        Path dataDir = Path.of(args.length > 0 ? args[0] : "contactsync-data");
        // Derby writes its own log file, by default into the working directory; keep it with the data.
        if (System.getProperty("derby.stream.error.file") == null) {
            java.nio.file.Files.createDirectories(dataDir);
            System.setProperty("derby.stream.error.file", dataDir.resolve("derby.log").toString());
        }
        SyncEngine engine = args.length > 1 ? new ExtensionListEngine(Path.of(args[1])) : VCardSyncEngine.bundledSample();
        Result result = run(dataDir, engine, System.out);
        boolean allCompleted = result.history().stream().allMatch(r -> r.status() == RunStatus.COMPLETED);
        if (!allCompleted) {
            System.exit(1);
        }
    }

    /** Syncs {@code engine} into the Derby database in {@code dataDir} (full, then incremental) and prints to {@code out}. */
    public static Result run(Path dataDir, SyncEngine engine, PrintStream out) throws Exception {
        // 1. The database: a connection pool, the schema created or upgraded, and the two stores on top of it.
        try (ContactSyncDatabase db = ContactSyncDatabase.configure()
                .settings(JdbcSettings.derbyFile(dataDir))
                .load();
             // 2. The manager: one engine, the stores, and whoever wants to hear about progress.
             SyncManager sync = SyncManager.builder()
                     .engine(engine)
                     .contactStore(db.contactStore())
                     .stateStore(db.syncStateStore())
                     .changeLog(db.runChangeLog())
                     .listener(new ConsoleProgress(out))
                     .build()) {

            out.printf(Locale.ROOT, "Syncing %s into %s (%d contacts stored)%n", engine.name(),
                    dataDir.toAbsolutePath(), db.contactStore().count());
            // 3. Runs start in the background; trigger() returns at once and await() waits for the end.
            runAndWait(sync, SyncType.FULL);
            runAndWait(sync, SyncType.INCREMENTAL);

            List<SyncRun> history = sync.history(10, 0).items();
            printHistory(history, out);
            long contacts = db.contactStore().count();
            out.printf(Locale.ROOT, "%d contacts in the database%n", contacts);
            return new Result(history, contacts);
        }
    }

    private static void runAndWait(SyncManager sync, SyncType type) throws Exception {
        TriggerResult result = sync.trigger(type);
        if (!(result instanceof TriggerResult.Started started)) {
            throw new IllegalStateException("Another sync is running on this database (run " + result.run().id()
                    + "); try again when it has finished.");
        }
        sync.await(started.run().id(), RUN_TIMEOUT);
    }

    private static void printHistory(List<SyncRun> history, PrintStream out) {
        out.println("History (newest first):");
        for (SyncRun r : history) {
            out.printf(Locale.ROOT, "  #%-3d %-11s %-9s %s  %5d ms  +%d ~%d -%d =%d%s%n", r.id(),
                    ConsoleProgress.lower(r.type()), ConsoleProgress.lower(r.status()), r.startedAt(),
                    r.duration(Instant.now()).toMillis(),
                    r.stats().added(), r.stats().updated(), r.stats().deleted(), r.stats().unchanged(),
                    r.error() == null ? "" : "  " + r.error());
        }
    }
}
