package org.contactsync.directory;

import java.util.Locale;
import java.util.Objects;

import org.contactsync.contact.PhoneNumbers;

/**
 * How the phones of one site dial a number from the directory: the one place every vendor's renderer asks
 * (Dial soft keys, downloaded phonebooks) and the caller-ID lookup strips the outside-line prefix with.
 *
 * @param region            ISO 3166 region the site is in ({@code contactsync.phone.default-region}, e.g. "DE");
 *                          numbers written without a country code are read in it. Blank: unknown, only "+" numbers
 *                          can be normalised
 * @param outsideLinePrefix dialled before every external number that is not dialled in "+" form
 *                          ({@code contactsync.directory.dial-prefix}, e.g. "0" or "9"); never before a short
 *                          internal extension
 * @param form              which form of a number is dialled ({@code contactsync.directory.dial-form})
 */
public record DialRules(String region, String outsideLinePrefix, Form form) {
    /** Which form of a number the phones dial. */
    public enum Form {
        /** The number as the source wrote it (digits, *, #, a leading +): what ContactSync always did. */
        AS_WRITTEN("as-written"),
        /** E.164 ("+4930123456") for every number that can be read; the call manager routes "+" itself. */
        INTERNATIONAL("international"),
        /** Numbers of the site's own country in national form (own country code dropped), others in E.164. */
        LOCAL("local"),
        /** Like LOCAL, and foreign numbers with the region's international prefix instead of "+" (0049…). */
        NATIONAL("national");

        private final String key;

        Form(String key) {
            this.key = key;
        }

        /** The configuration value: as-written, international, local, national. */
        public String key() {
            return key;
        }

        /** The form a configuration value names (any case), or null for anything else. */
        public static Form fromKey(String value) {
            String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
            for (Form f : values()) {
                if (f.key.equals(v)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** The longest outside-line prefix accepted. */
    public static final int MAX_PREFIX = 8;

    public DialRules {
        region = region == null ? "" : region.strip().toUpperCase(Locale.ROOT);
        outsideLinePrefix = outsideLinePrefix == null ? "" : outsideLinePrefix.strip();
        form = Objects.requireNonNullElse(form, Form.AS_WRITTEN);
        if (!outsideLinePrefix.isEmpty() && !outsideLinePrefix.matches("[0-9*#]{1," + MAX_PREFIX + "}")) {
            throw new IllegalArgumentException("The dial prefix may contain only digits, * and # (at most "
                    + MAX_PREFIX + "), was \"" + outsideLinePrefix + "\"; set it to the outside-line code, e.g. 0 or "
                    + "9, or leave it empty");
        }
        if (!region.isEmpty() && !PhoneNumbers.isKnownRegion(region)) {
            throw new IllegalArgumentException("The phone region \"" + region + "\" is not a known two-letter region "
                    + "code; use one like DE, US or GB, or leave it empty");
        }
    }

    /** Numbers dialled as written, with an outside-line prefix (blank for none). */
    public static DialRules asWritten(String outsideLinePrefix) {
        return new DialRules("", outsideLinePrefix, Form.AS_WRITTEN);
    }

    /** No region, no prefix, numbers as written. */
    public static DialRules none() {
        return asWritten("");
    }

    /**
     * What the phone dials for a number: {@code written} is the source's text, {@code e164} its E.164 form (empty
     * when it could not be read, e.g. an internal extension). Only digits, *, # and a leading + come out; empty
     * when nothing is dialable.
     */
    public String dial(String written, String e164) {
        String dial = PhoneNumbers.dialString(written);
        if (dial.isEmpty() || dial.equals("+")) {
            return "";
        }
        if (PhoneNumbers.isExtension(written)) {
            return dial; // internal: never an outside line
        }
        if (form != Form.AS_WRITTEN && e164 != null && !e164.isEmpty()) {
            dial = PhoneNumbers.dialForm(e164, region, form == Form.LOCAL || form == Form.NATIONAL,
                    form == Form.NATIONAL);
        }
        return dial.startsWith("+") ? dial : outsideLinePrefix + dial;
    }

    /**
     * The digits a PBX may present for a caller with this site's outside-line prefix removed, or null when they
     * do not start with it (the lookup tries both).
     */
    public String withoutOutsideLinePrefix(String digits) {
        if (outsideLinePrefix.isEmpty() || digits == null || !digits.startsWith(outsideLinePrefix)
                || digits.length() <= outsideLinePrefix.length()) {
            return null;
        }
        return digits.substring(outsideLinePrefix.length());
    }
}
