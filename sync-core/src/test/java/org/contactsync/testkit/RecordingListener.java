package org.contactsync.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.SyncRun;

/** A {@link ProgressListener} that keeps every call, in order, for assertions. Thread-safe. */
public final class RecordingListener implements ProgressListener {
    /** One call: which method, with which run. */
    public record Event(Kind kind, SyncRun run) {
    }

    public enum Kind {
        STARTED,
        PROGRESS,
        FINISHED
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void runStarted(SyncRun run) {
        events.add(new Event(Kind.STARTED, run));
    }

    @Override
    public void progress(SyncRun run) {
        events.add(new Event(Kind.PROGRESS, run));
    }

    @Override
    public void runFinished(SyncRun run) {
        events.add(new Event(Kind.FINISHED, run));
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Kind> kinds() {
        return events.stream().map(Event::kind).toList();
    }

    public List<SyncRun> of(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).map(Event::run).toList();
    }

    public List<SyncRun> finished() {
        return of(Kind.FINISHED);
    }
}
