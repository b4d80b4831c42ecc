package org.contactsync.jaxrs.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Slows down password guessing, for the login form and HTTP Basic alike: failures are counted per client address
 * and per user name; after a few free ones, each further attempt must wait a delay that doubles, up to a cap. A
 * request that must wait is answered at once (429 with {@code Retry-After}) and costs no password hash.
 *
 * <p>Each permitted attempt counts as a failure until {@link #succeeded} says otherwise, so a burst of parallel
 * guesses cannot all pass the check before the first one fails. A success forgets the address's and the user's
 * failures; failures are forgotten by themselves {@link #FORGET_AFTER} after the last one.
 *
 * <p>The per-user limit is looser than the per-address one: one client guessing is slowed down first, and a guess
 * spread over many addresses still meets the user's limit.
 */
public final class LoginThrottle {
    /** Failures one client address may make before it has to wait. */
    public static final int FREE_PER_ADDRESS = 5;
    /** Failures for one user name (from any address) before it has to wait. */
    public static final int FREE_PER_USER = 20;
    /** The first delay; it doubles with each further failure. */
    public static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    public static final Duration MAX_DELAY_PER_ADDRESS = Duration.ofMinutes(15);
    public static final Duration MAX_DELAY_PER_USER = Duration.ofMinutes(5);
    public static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /** At most this many addresses and as many user names are remembered (typed user names are attacker data). */
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<String, Failures> byAddress = new HashMap<>();
    private final Map<String, Failures> byUser = new HashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Asks whether a password for {@code user} from {@code address} may be checked now. {@link Duration#ZERO}: yes,
     * and the attempt counts as a failure until {@link #succeeded}; otherwise how long the client must wait.
     *
     * @param address the client's address, or null when the caller cannot know it (then only the user counts)
     */
    public synchronized Duration tryAttempt(String address, String user) {
        Instant now = clock.instant();
        Duration wait = waitFor(byUser, key(user), FREE_PER_USER, MAX_DELAY_PER_USER, now);
        if (address != null) {
            wait = max(wait, waitFor(byAddress, address, FREE_PER_ADDRESS, MAX_DELAY_PER_ADDRESS, now));
        }
        if (!wait.isZero()) {
            return wait;
        }
        if (address != null) {
            count(byAddress, address, now);
        }
        count(byUser, key(user), now);
        return Duration.ZERO;
    }

    /** The password was right: the address and the user start afresh. */
    public synchronized void succeeded(String address, String user) {
        if (address != null) {
            byAddress.remove(address);
        }
        byUser.remove(key(user));
    }

    /** What a throttled client is told (the page and the API's {@code detail}). */
    public static String message(Duration wait) {
        long s = retryAfterSeconds(wait);
        String when = s < 120 ? s + (s == 1 ? " second" : " seconds") : ((s + 59) / 60) + " minutes";
        return "Too many failed sign-ins from this address or for this user name. Wait " + when
                + ", then try again with the right password.";
    }

    /** Seconds for a {@code Retry-After} header: the wait rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    private static Duration waitFor(Map<String, Failures> map, String key, int free, Duration cap, Instant now) {
        Failures f = map.get(key);
        if (f == null) {
            return Duration.ZERO;
        }
        if (now.isAfter(f.last.plus(FORGET_AFTER))) {
            map.remove(key);
            return Duration.ZERO;
        }
        if (f.count < free) {
            return Duration.ZERO;
        }
        Duration delay = delay(f.count - free, cap);
        Duration left = Duration.between(now, f.last.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** FIRST_DELAY doubled {@code beyondFree} times, capped. */
    static Duration delay(int beyondFree, Duration cap) {
        int doublings = Math.min(beyondFree, 30);
        Duration d = FIRST_DELAY.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static void count(Map<String, Failures> map, String key, Instant now) {
        Failures f = map.get(key);
        if (f == null) {
            if (map.size() >= MAX_ENTRIES) {
                evict(map, now);
            }
            map.put(key, new Failures(1, now));
        } else {
            f.count++;
            f.last = now;
        }
    }

    /** Drops what is forgotten anyway; when that is not enough, the entry with the fewest failures. */
    private static void evict(Map<String, Failures> map, Instant now) {
        map.values().removeIf(f -> now.isAfter(f.last.plus(FORGET_AFTER)));
        if (map.size() >= MAX_ENTRIES) {
            map.entrySet().stream().min(Comparator.comparingInt(e -> e.getValue().count))
                    .ifPresent(e -> map.remove(e.getKey()));
        }
    }

    private static String key(String s) {
        return s == null ? "" : s;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static final class Failures {
        int count;
        Instant last;

        Failures(int count, Instant last) {
            this.count = count;
            this.last = last;
        }
    }
}
