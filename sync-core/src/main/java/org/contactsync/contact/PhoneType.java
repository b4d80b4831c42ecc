package org.contactsync.contact;

import java.util.Locale;

/** What kind of number a phone number is; drives the label the phone shows and the order of entries. */
public enum PhoneType {
    MOBILE("Mobile"),
    WORK("Work"),
    HOME("Home"),
    MAIN("Main"),
    OTHER("Other");

    private final String label;

    PhoneType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Maps the free-form labels sources use (vCard TYPE, Google "type") onto our types; unknown ones are OTHER. */
    public static PhoneType fromLabel(String label) {
        if (label == null) {
            return OTHER;
        }
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (l.contains("cell") || l.contains("mobile") || l.contains("iphone")) {
            return MOBILE;
        }
        if (l.contains("work") || l.contains("office") || l.contains("business")) {
            return WORK;
        }
        if (l.contains("home")) {
            return HOME;
        }
        if (l.contains("main") || l.contains("pref")) {
            return MAIN;
        }
        return OTHER;
    }
}
