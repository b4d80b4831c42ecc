package org.contactsync.directory;

import java.util.List;

/**
 * A contact as the phone directory shows it: prepared once when the snapshot is built, so requests only look up
 * and write. This is the phone-facing model every vendor's renderer reads.
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
 * @param givenName          the given name, or "" (downloaded phonebooks have first/last name fields)
 * @param familyName         the family name, or ""
 * @param organization       the organisation, or ""
 * @param favourite          starred in Google or marked favourite in the vCard ({@link Favourites})
 * @param labels             its groups/labels as the source names them, without the favourite marker
 * @param twinHint           what tells it apart from contacts of the same name ("Acme", "Mobile 4567"), or ""
 *                           when its name is unique
 */
public record DirectoryContact(long id, String name, String foldedName, String foldedOrganization,
                               List<DirectoryNumber> phones, KeypadGroup group, int position, String givenName,
                               String familyName, String organization, boolean favourite, List<String> labels,
                               String twinHint) {
    public DirectoryContact {
        phones = List.copyOf(phones);
        labels = List.copyOf(labels);
        givenName = givenName == null ? "" : givenName;
        familyName = familyName == null ? "" : familyName;
        organization = organization == null ? "" : organization;
        twinHint = twinHint == null ? "" : twinHint;
        if (phones.isEmpty()) {
            throw new IllegalArgumentException("a directory contact needs a phone number");
        }
    }

    /**
     * The name to list it under within {@code max} characters: the display name, and for twins what tells them
     * apart ("Agnieszka Wójcik (Acme)"), the name cut first so the difference always shows.
     */
    public String shownName(int max) {
        String clean = CiscoXmlWriter.clean(name, false);
        if (twinHint.isEmpty()) {
            return CiscoXmlWriter.truncate(clean, max);
        }
        String hint = " (" + CiscoXmlWriter.truncate(CiscoXmlWriter.clean(twinHint, false), max / 2) + ")";
        int room = max - hint.codePointCount(0, hint.length());
        return CiscoXmlWriter.truncate(clean, Math.max(room, 1)) + hint;
    }

    /** The first number: what a phonebook with one number per entry dials. */
    public DirectoryNumber firstNumber() {
        return phones.get(0);
    }
}
