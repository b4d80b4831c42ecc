package org.contactsync.directory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.contactsync.contact.ContactStore;
import org.contactsync.sync.ProgressListener;
import org.contactsync.sync.RunStatus;
import org.contactsync.sync.SyncRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the {@link DirectorySnapshot} the phones of every vendor are served from (the name stays from when it
 * served Cisco phones only) and replaces it, atomically, when the contacts
 * changed.
 *
 * <p>Register it as a {@link ProgressListener} with the sync manager: a run that ends COMPLETED rebuilds the
 * snapshot on the run's thread, so the phones see a sync's result as soon as it is reported. Syncs on other
 * nodes (several instances on one database) are noticed by comparing {@link ContactStore#version()} at most once
 * per {@code versionCheckInterval}, done by whichever request comes first while every other request is served
 * the current snapshot without waiting. No request waits on the database except the very first one, which has
 * nothing to serve yet.
 */
public final class CiscoDirectory implements ProgressListener {
    /** How often requests look for changes made by other nodes, unless told otherwise. */
    public static final Duration DEFAULT_VERSION_CHECK_INTERVAL = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(CiscoDirectory.class);

    private final ContactStore store;
    private final DirectorySnapshot.Options options;
    private final long checkIntervalMillis;
    private final Clock clock;
    private final AtomicReference<DirectorySnapshot> current = new AtomicReference<>();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Object rebuildLock = new Object();
    private volatile long nextCheckAt;

    public CiscoDirectory(ContactStore store) {
        this(store, DEFAULT_VERSION_CHECK_INTERVAL, Clock.systemUTC());
    }

    /** With the site's phone region and label selection (see {@link DirectorySnapshot.Options}). */
    public CiscoDirectory(ContactStore store, DirectorySnapshot.Options options) {
        this(store, DEFAULT_VERSION_CHECK_INTERVAL, Clock.systemUTC(), options);
    }

    public CiscoDirectory(ContactStore store, Duration versionCheckInterval, Clock clock) {
        this(store, versionCheckInterval, clock, DirectorySnapshot.Options.defaults());
    }

    /**
     * @param versionCheckInterval how often a request may ask the store whether it changed (zero: every request,
     *                             only sensible for an in-memory store)
     */
    public CiscoDirectory(ContactStore store, Duration versionCheckInterval, Clock clock,
                          DirectorySnapshot.Options options) {
        this.store = Objects.requireNonNull(store, "store");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (versionCheckInterval.isNegative()) {
            throw new IllegalArgumentException("versionCheckInterval must not be negative, was "
                    + versionCheckInterval);
        }
        this.checkIntervalMillis = versionCheckInterval.toMillis();
    }

    /**
     * The snapshot to serve this request from. Builds the first one (so the first request waits for it); after
     * that returns at once, except that one request per interval asks the store for its version and, when it
     * changed, rebuilds.
     *
     * @throws RuntimeException only when there is no snapshot yet and the store cannot be read
     */
    public DirectorySnapshot snapshot() {
        DirectorySnapshot s = current.get();
        if (s == null) {
            return refresh();
        }
        long now = clock.millis();
        if (now >= nextCheckAt && checking.compareAndSet(false, true)) {
            try {
                nextCheckAt = now + checkIntervalMillis;
                if (store.version() != s.version()) {
                    s = refresh();
                }
            } catch (RuntimeException e) {
                // Serving slightly old contacts beats serving an error page to every phone.
                log.warn("Could not check the contact store for changes; serving the directory read at version "
                        + "{}: {}", s.version(), e.toString());
            } finally {
                checking.set(false);
            }
        }
        return s;
    }

    /** Rebuilds the snapshot now if the store changed since the current one was read; returns the current one. */
    public DirectorySnapshot refresh() {
        synchronized (rebuildLock) {
            DirectorySnapshot old = current.get();
            if (old != null && old.version() == store.version()) {
                return old;
            }
            long started = System.nanoTime();
            DirectorySnapshot fresh = DirectorySnapshot.build(store, clock.instant(), options);
            if (old != null && old.fingerprint().equals(fresh.fingerprint())) {
                // Nothing the phones see changed (e.g. only emails did): keep Last-Modified so caches stay valid.
                fresh = fresh.withLastModified(old.lastModified());
            }
            current.set(fresh);
            nextCheckAt = clock.millis() + checkIntervalMillis;
            log.info("Phone directory rebuilt: {} contacts with numbers, store version {}, {} ms", fresh.size(),
                    fresh.version(), (System.nanoTime() - started) / 1_000_000);
            return fresh;
        }
    }

    /** What snapshots are built with (the site's region, the labels shown). */
    public DirectorySnapshot.Options options() {
        return options;
    }

    @Override
    public void runFinished(SyncRun run) {
        if (run.status() != RunStatus.COMPLETED) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not rebuild the phone directory after sync run {}; the next request will retry: {}",
                    run.id(), e.toString());
            nextCheckAt = 0;
        }
    }
}
