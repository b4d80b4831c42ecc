package org.contactsync.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;

/**
 * A contact's phone numbers as two columns of its own row (since V130): {@code phones}, one number a line
 * ({@link Columns#encodeList}) as type, {@code !} when primary, {@code :}, the number as written; and
 * {@code phone_digits}, each number's digits between newlines, which phone search matches with {@code LIKE}.
 * Both are null for a contact without numbers.
 */
final class PhoneColumns {
    /** Per number, as the phone rows before V130 held them. */
    static final int NUMBER_SIZE = 1000;
    static final int DIGITS_SIZE = 255;

    private PhoneColumns() {
    }

    static String encode(List<PhoneNumber> phones) {
        if (phones.isEmpty()) {
            return null;
        }
        List<String> lines = new ArrayList<>(phones.size());
        for (PhoneNumber phone : phones) {
            lines.add(phone.type().name() + (phone.primary() ? "!:" : ":") + Columns.fit(phone.number(), NUMBER_SIZE));
        }
        return Columns.encodeList(lines);
    }

    static List<PhoneNumber> decode(String column) {
        if (column == null) {
            return List.of();
        }
        List<String> lines = Columns.decodeList(column);
        List<PhoneNumber> phones = new ArrayList<>(lines.size());
        for (String line : lines) {
            int colon = line.indexOf(':');
            boolean primary = colon > 0 && line.charAt(colon - 1) == '!';
            PhoneType type = PhoneType.valueOf(line.substring(0, primary ? colon - 1 : colon));
            phones.add(new PhoneNumber(line.substring(colon + 1), type, null, primary));
        }
        return phones;
    }

    /** {@code "\n" + digits + "\n"} for each number: a LIKE pattern can match within one number or all of it. */
    static String digits(List<PhoneNumber> phones) {
        if (phones.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("\n");
        for (PhoneNumber phone : phones) {
            sb.append(Columns.fit(phone.digits(), DIGITS_SIZE)).append('\n');
        }
        return sb.toString();
    }

    /** The pattern for a number whose digits contain {@code digits} (digits only: no LIKE escapes needed). */
    static String containing(String digits) {
        return "%" + digits + "%";
    }

    /** The pattern for a number whose digits are exactly {@code digits}. */
    static String exactly(String digits) {
        return "%\n" + digits + "\n%";
    }
}
