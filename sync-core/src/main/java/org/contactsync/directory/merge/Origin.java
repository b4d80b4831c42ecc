package org.contactsync.directory.merge;

import java.util.Objects;

import org.contactsync.contact.Contact;

/**
 * Where one member of a merged directory entry came from.
 *
 * @param source    the configured source's name
 * @param sourceId  the source's id for the contact (Google resource name, vCard UID, CardDAV href)
 * @param contactId the store's id of the contact
 */
public record Origin(String source, String sourceId, long contactId) {
    public Origin {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    public static Origin of(Contact c) {
        return new Origin(c.source(), c.sourceId(), c.id());
    }
}
