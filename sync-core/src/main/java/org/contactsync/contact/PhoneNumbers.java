package org.contactsync.contact;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Normalises phone numbers so that "+1 (555) 010-2000" and "5550102000" can be matched. */
public final class PhoneNumbers {
    /** Numbers of at most this many digits, written without "+", are internal extensions and stay as written. */
    public static final int MAX_EXTENSION_DIGITS = 6;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164 form ("+4930123456"), read with libphonenumber in {@code region} (ISO 3166 code such as
     * "DE" or "US"; blank: only numbers written with "+" or "00" can be read). Empty for short internal
     * extensions ({@link #isExtension}), for text that is not a possible number, and for null.
     */
    public static String e164(String raw, String region) {
        if (raw == null || isExtension(raw)) {
            return "";
        }
        String r = region == null || region.isBlank() ? "ZZ" : region.strip().toUpperCase(Locale.ROOT);
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(raw, r);
            return UTIL.isPossibleNumber(n) ? UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164) : "";
        } catch (NumberParseException e) {
            return "";
        }
    }

    /** Whether a region code is one libphonenumber knows ("DE", "US", any case); blank is not. */
    public static boolean isKnownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region.strip().toUpperCase(Locale.ROOT));
    }

    /** The country calling code of a region ("DE" → 49), or 0 for blank or unknown. */
    public static int countryCode(String region) {
        return isKnownRegion(region) ? UTIL.getCountryCodeForRegion(region.strip().toUpperCase(Locale.ROOT)) : 0;
    }

    /**
     * An E.164 number in another form for dialling from {@code region}: national (with the trunk prefix, "030
     * 123456" as digits "030123456") when {@code national} and it is in that region's country, else as dialled
     * from that region without "+" ("0049…" from DE, "011…" from US) when {@code noPlus}, else unchanged.
     */
    public static String dialForm(String e164, String region, boolean national, boolean noPlus) {
        if (e164.isEmpty() || !isKnownRegion(region)) {
            return e164;
        }
        try {
            String r = region.strip().toUpperCase(Locale.ROOT);
            Phonenumber.PhoneNumber n = UTIL.parse(e164, r);
            if (national && n.getCountryCode() == UTIL.getCountryCodeForRegion(r)) {
                return dialString(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)).replace("+", "");
            }
            if (noPlus) {
                return dialString(UTIL.formatOutOfCountryCallingNumber(n, r)).replace("+", "");
            }
            return e164;
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** A short internal extension: written without "+" and at most {@link #MAX_EXTENSION_DIGITS} digits. */
    public static boolean isExtension(String raw) {
        String dial = dialString(raw);
        return !dial.startsWith("+") && digits(dial).length() <= MAX_EXTENSION_DIGITS;
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
