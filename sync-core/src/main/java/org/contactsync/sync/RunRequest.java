package org.contactsync.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * What a caller asks to open: a run of this type, for this trigger.
 *
 * @param minGapSinceLastScheduled for scheduled runs across several nodes: open only if no SCHEDULED run started
 *                                 within this long before now (store clock), so each interval runs once in the
 *                                 cluster whichever node ticks first; null means no such condition
 */
public record RunRequest(SyncType type, SyncTrigger trigger, Duration minGapSinceLastScheduled) {
    public RunRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(trigger, "trigger");
        if (minGapSinceLastScheduled != null && minGapSinceLastScheduled.isNegative()) {
            throw new IllegalArgumentException("minGapSinceLastScheduled must not be negative");
        }
    }

    public RunRequest(SyncType type, SyncTrigger trigger) {
        this(type, trigger, null);
    }
}
