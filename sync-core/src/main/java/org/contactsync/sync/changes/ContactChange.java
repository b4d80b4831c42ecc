package org.contactsync.sync.changes;

import java.util.Objects;

/**
 * One change to the local copy: what happened (or, in a preview, would happen) to which contact. The same record
 * lists a preview's planned changes and a run's recorded ones.
 *
 * @param kind        added, updated or deleted
 * @param source      the name of the configured source the contact came from ({@code Contact.source()})
 * @param sourceId    the source's id for the contact
 * @param displayName the contact's name; for a deletion, the name the stored copy had
 */
public record ContactChange(Kind kind, String source, String sourceId, String displayName) {
    public enum Kind {
        ADD,
        UPDATE,
        DELETE
    }

    public ContactChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(displayName, "displayName");
    }
}
