package org.contactsync.health;

/** How one check, or the whole application, is doing. Ordered from best to worst. */
public enum HealthStatus {
    /** Works as it should. */
    UP,
    /** Serves, but its contacts are old: no sync succeeded for longer than the stale-after setting. */
    STALE,
    /** Cannot serve: a request would fail. */
    DOWN;

    /** The worse of the two. */
    public HealthStatus worst(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
