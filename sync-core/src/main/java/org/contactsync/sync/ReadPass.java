package org.contactsync.sync;

/**
 * One read of one source, the same for a real run and a preview: the engine reads; if the source refused the cursor
 * the pass restarts as a full sync and the engine reads again; after a full read (every page arrived and every
 * batch was written) the stored contacts the source did not report are removed.
 */
final class ReadPass {
    /**
     * @param type   the type that ran (FULL after an expired cursor)
     * @param cursor the cursor the engine handed over, or null; the caller decides whether to store it
     */
    record Result(SyncType type, String cursor, SyncStats stats) {
    }

    private final RunSettings settings;
    private final SyncSource source;
    private final ReadSupervisor supervisor;

    ReadPass(RunSettings settings, SyncSource source, ReadSupervisor supervisor) {
        this.settings = settings;
        this.source = source;
        this.supervisor = supervisor;
    }

    /**
     * Reads into {@code sink} and closes it. When the writing side failed first, its failure is thrown rather than
     * what the engine threw because of it (typically a cancellation).
     */
    Result read(SyncType type, ChangeSink sink) throws Exception {
        Result result;
        try {
            result = readAll(type, sink);
        } catch (Exception | Error e) {
            Throwable writeFailure = sink.close();
            if (writeFailure != null && writeFailure != e) {
                throw asException(writeFailure);
            }
            throw e;
        }
        // Every batch was awaited by the end of readAll, so the writer has nothing left that could fail.
        sink.close();
        return result;
    }

    private Result readAll(SyncType type, ChangeSink sink) throws Exception {
        SyncType effective = type;
        RunContext context = new RunContext(settings, source, effective, sink, supervisor);
        try {
            source.engine().sync(context);
        } catch (CursorExpiredException e) {
            effective = SyncType.FULL;
            sink.restartAsFull();
            supervisor.restartedAsFull(e);
            context = new RunContext(settings, source, effective, sink, supervisor);
            source.engine().sync(context);
        }
        supervisor.checkStillRunning();
        if (effective == SyncType.FULL) {
            supervisor.deletingUnseen();
            sink.deleteUnseen(supervisor::checkStillRunning);
        } else {
            sink.flush();
        }
        supervisor.checkStillRunning();
        return new Result(effective, context.handedOverCursor(), sink.stats());
    }

    private static Exception asException(Throwable t) {
        if (t instanceof Exception e) {
            return e;
        }
        throw (Error) t;
    }
}
