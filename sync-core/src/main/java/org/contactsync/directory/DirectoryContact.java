package org.contactsync.directory;

import java.util.List;

import org.contactsync.contact.PhoneNumber;

/**
 * A contact as the phone directory shows it: prepared once when the snapshot is built, so requests only look up
 * and write.
 *
 * @param id                 the store's id (the contact page URL uses it)
 * @param name               the display name
 * @param foldedName         {@link org.contactsync.contact.SearchText#fold folded} display name, for search
 * @param foldedOrganization folded organisation, or "" — search matches it too
 * @param phones             the numbers to list: primary first, then by type (mobile, work, home, main, other);
 *                           never empty
 * @param group              the keypad group it is listed under
 * @param position           its index within that group (0-based), so the contact page can link back to the
 *                           group page that lists it
 */
public record DirectoryContact(long id, String name, String foldedName, String foldedOrganization,
                               List<PhoneNumber> phones, KeypadGroup group, int position) {
    public DirectoryContact {
        phones = List.copyOf(phones);
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a directory contact needs a phone number");
        }
    }
}
