package org.contactsync.contact;

/** Normalises phone numbers so that "+1 (555) 010-2000" and "5550102000" can be matched. */
public final class PhoneNumbers {
    private PhoneNumbers() {
    }

    /** Only the digits of a number, in order ("+1 (555) 010-2000" → "15550102000"). Empty for null. */
    public static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * What a phone may dial: digits, {@code +}, {@code *} and {@code #} only (a leading {@code +} is kept,
     * any other is dropped), so no markup or letters can reach the Dial soft key.
     */
    public static String dialString(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c >= '0' && c <= '9') || c == '*' || c == '#') {
                sb.append(c);
            } else if (c == '+' && sb.length() == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Whether a stored number (its digits) matches what someone typed (its digits): one contains the other,
     * so a query with or without a country code or trunk prefix finds the number. Queries of fewer than three
     * digits match nothing, to keep results meaningful.
     */
    public static boolean matches(String storedDigits, String queryDigits) {
        if (queryDigits == null || queryDigits.length() < 3 || storedDigits == null || storedDigits.isEmpty()) {
            return false;
        }
        if (storedDigits.contains(queryDigits)) {
            return true;
        }
        return storedDigits.length() >= 7 && queryDigits.endsWith(storedDigits);
    }
}
