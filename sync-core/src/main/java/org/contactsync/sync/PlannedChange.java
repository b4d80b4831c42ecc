package org.contactsync.sync;

/** One change a dry run found: what would happen to which contact. */
public record PlannedChange(Kind kind, String sourceId, String displayName) {
    public enum Kind {
        ADD,
        UPDATE,
        DELETE
    }
}
