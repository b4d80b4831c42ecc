package org.contactsync.sync;

import java.util.Objects;

/** What a caller asks to open: a run of this type, for this trigger. */
public record RunRequest(SyncType type, SyncTrigger trigger) {
    public RunRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(trigger, "trigger");
    }
}
