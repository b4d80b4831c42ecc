package org.contactsync.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.contactsync.sync.Intervals;
import org.contactsync.sync.SyncRun;
import org.contactsync.sync.SyncStateStore;

/**
 * The one rule for "the contacts are stale": no sync completed for longer than {@code staleAfter}. Before the
 * first sync ever completed, the clock starts when this object was made (the application's start), so a fresh
 * installation is not stale at once. Health checks and alerts both ask here.
 *
 * <p>Times come from the state store's clock, the same clock that stamped the runs.
 */
public final class SyncFreshness {
    private final SyncStateStore store;
    private final Duration staleAfter;
    private final Instant watchingSince;

    public SyncFreshness(SyncStateStore store, Duration staleAfter) {
        this.store = Objects.requireNonNull(store, "store");
        if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
            throw new IllegalArgumentException("staleAfter must be positive, was " + staleAfter);
        }
        this.staleAfter = staleAfter;
        this.watchingSince = store.now();
    }

    /** The usual threshold: three intervals of the schedule, so one or two failed runs do not count as stale. */
    public static Duration defaultStaleAfter(Duration interval) {
        return interval.multipliedBy(3);
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** Reads the last completed run and judges it now. */
    public Freshness now() {
        Instant now = store.now();
        Optional<Instant> last = store.lastCompletedRun().map(SyncRun::completedAt);
        Instant since = last.orElse(watchingSince);
        Duration age = Duration.between(since, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return new Freshness(age.compareTo(staleAfter) > 0, last.orElse(null), age, staleAfter);
    }

    /**
     * @param stale       whether no sync succeeded for longer than {@code staleAfter}
     * @param lastSuccess when the last completed run ended, or null when none ever did
     * @param age         time since then (or since watching began, when none ever did)
     */
    public record Freshness(boolean stale, Instant lastSuccess, Duration age, Duration staleAfter) {
        /** A sentence for people: how old the contacts are and, when stale, what to do. */
        public String message() {
            String ago = Intervals.format(age.withNanos(0));
            if (!stale) {
                return lastSuccess == null ? "No sync has completed yet; the first one is due."
                        : "The last successful sync ended " + ago + " ago.";
            }
            String what = lastSuccess == null ? "No sync has completed since the server started " + ago + " ago"
                    : "No sync has succeeded for " + ago;
            return what + " (more than the " + Intervals.format(staleAfter) + " allowed), so the contacts may be "
                    + "out of date. Open the sync page to see why the last runs failed, and run a sync.";
        }
    }
}
