package org.contactsync.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * What a caller asks to open: a run of this type, for this trigger.
 *
 * @param minGapSinceLastScheduled for scheduled runs across several nodes: open only if no SCHEDULED run started
 *                                 within this long before now (store clock), so each interval runs once in the
 *                                 cluster whichever node ticks first; null means no such condition
 * @param source                   the name of the one source to sync; null syncs every configured source
 */
public record RunRequest(SyncType type, SyncTrigger trigger, Duration minGapSinceLastScheduled, String source) {
    public RunRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(trigger, "trigger");
        if (minGapSinceLastScheduled != null && minGapSinceLastScheduled.isNegative()) {
            throw new IllegalArgumentException("minGapSinceLastScheduled must not be negative");
        }
        source = source == null || source.isBlank() ? null : source.strip();
    }

    /** A run of every configured source. */
    public RunRequest(SyncType type, SyncTrigger trigger, Duration minGapSinceLastScheduled) {
        this(type, trigger, minGapSinceLastScheduled, null);
    }

    /** A run of every configured source, with no condition. */
    public RunRequest(SyncType type, SyncTrigger trigger) {
        this(type, trigger, null, null);
    }

    /** The same request for the one source of this name (null: every source). */
    public RunRequest forSource(String sourceName) {
        return new RunRequest(type, trigger, minGapSinceLastScheduled, sourceName);
    }
}
