package org.contactsync.sync;

/**
 * One change a dry run found: what would happen to which contact.
 *
 * @param source the name of the source the contact belongs to
 */
public record PlannedChange(Kind kind, String sourceId, String displayName, String source) {
    public enum Kind {
        ADD,
        UPDATE,
        DELETE
    }

    /** A change of the {@link org.contactsync.contact.Contact#DEFAULT_SOURCE default} source. */
    public PlannedChange(Kind kind, String sourceId, String displayName) {
        this(kind, sourceId, displayName, org.contactsync.contact.Contact.DEFAULT_SOURCE);
    }
}
