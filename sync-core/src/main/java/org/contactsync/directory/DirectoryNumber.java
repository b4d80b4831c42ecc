package org.contactsync.directory;

import java.util.Objects;

import org.contactsync.contact.PhoneType;

/**
 * One number of a {@link DirectoryContact}, read once when the snapshot is built.
 *
 * @param number  as the source wrote it, shown to people ("+49 (30) 123-456")
 * @param type    mobile, work, home, main or other
 * @param primary whether the source marked it as preferred
 * @param digits  its digits only, for number search
 * @param e164    its E.164 form ("+4930123456") read in the site's region, or "" for internal extensions and
 *                text that is not a possible number
 */
public record DirectoryNumber(String number, PhoneType type, boolean primary, String digits, String e164) {
    public DirectoryNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(digits, "digits");
        e164 = e164 == null ? "" : e164;
    }

    /**
     * How a phone names this number in a list of numbers: the type and a short form of the number, within
     * {@code max} characters ("Mobile +49 170 1234567"; when too long, the end of the number is kept, since its
     * last digits tell numbers apart: "Work ...1234567").
     */
    public String entryName(int max) {
        String label = type.label();
        String shown = CiscoXmlWriter.clean(number, false);
        int room = max - label.length() - 1;
        if (room < 4) {
            return CiscoXmlWriter.truncate(label, max);
        }
        int count = shown.codePointCount(0, shown.length());
        if (count > room) {
            int keep = room - CiscoXmlWriter.ELLIPSIS.length();
            shown = CiscoXmlWriter.ELLIPSIS + shown.substring(shown.offsetByCodePoints(0, count - keep)).strip();
        }
        return label + " " + shown;
    }

    /** The last four digits (fewer for short numbers), for telling twins apart. */
    public String lastDigits() {
        return digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
    }
}
