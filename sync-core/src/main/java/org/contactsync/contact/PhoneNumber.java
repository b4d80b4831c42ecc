package org.contactsync.contact;

import java.util.Objects;

/**
 * A phone number as the source gave it, with its type and the digits-only form used for search.
 *
 * @param number  the number as written at the source, e.g. "+1 (555) 010-2000"
 * @param type    mobile, work, home, main or other
 * @param digits  {@link PhoneNumbers#digits(String) digits only}, derived from {@code number}
 * @param primary whether the source marked it as the preferred number
 */
public record PhoneNumber(String number, PhoneType type, String digits, boolean primary) {
    public PhoneNumber {
        Objects.requireNonNull(number, "number");
        type = type == null ? PhoneType.OTHER : type;
        digits = PhoneNumbers.digits(number);
    }

    public static PhoneNumber of(String number, PhoneType type) {
        return new PhoneNumber(number, type, null, false);
    }

    public static PhoneNumber primary(String number, PhoneType type) {
        return new PhoneNumber(number, type, null, true);
    }
}
