package org.contactsync.directory.phonebook;

import java.util.List;

import org.contactsync.contact.PhoneType;
import org.contactsync.directory.DialRules;
import org.contactsync.directory.DirectoryContact;
import org.contactsync.directory.DirectorySnapshot;

/**
 * Fanvil downloadable phonebook: {@code PhoneBook} of {@code DirectoryEntry}s with {@code Name},
 * {@code Telephone} (work, main or home), {@code Mobile} and {@code Other}: three numbers at most, the first of
 * each kind (a fourth number does not fit the format). The file has no favourite flag, so favourites come
 * first. Set on the phone as a remote phonebook URL.
 */
public final class FanvilPhonebook implements PhonebookFormat {
    static final int MAX_CONTACTS = 1000;
    static final int MAX_NAME = 64;

    private static final Spec SPEC = new Spec("fanvil", "phonebook.xml", MAX_CONTACTS);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public boolean favouritesFirst() {
        return true;
    }

    @Override
    public String render(DirectorySnapshot snapshot, DialRules rules, String title, int part) {
        List<DirectoryContact> these = PhonebookParts.of(snapshot, this, part);
        XmlOut x = new XmlOut(200 + these.size() * 160).comment(PhonebookParts.comment(snapshot, this, part));
        x.open("PhoneBook", false).newline();
        for (DirectoryContact c : these) {
            String telephone = "";
            String mobile = "";
            String other = "";
            for (Entries.Dialled d : Entries.numbers(c, rules, 8)) {
                PhoneType t = d.number().type();
                if (t == PhoneType.MOBILE && mobile.isEmpty()) {
                    mobile = d.dial();
                } else if ((t == PhoneType.WORK || t == PhoneType.MAIN || t == PhoneType.HOME)
                        && telephone.isEmpty()) {
                    telephone = d.dial();
                } else if (other.isEmpty()) {
                    other = d.dial();
                }
            }
            if (telephone.isEmpty() && mobile.isEmpty()) {
                telephone = other; // the phone dials Telephone first; never leave it empty with a number at hand
                other = "";
            }
            x.open("DirectoryEntry", false).element("Name", c.shownName(MAX_NAME))
                    .element("Telephone", telephone).element("Mobile", mobile).element("Other", other)
                    .close("DirectoryEntry").newline();
        }
        return x.close("PhoneBook").finish();
    }
}
