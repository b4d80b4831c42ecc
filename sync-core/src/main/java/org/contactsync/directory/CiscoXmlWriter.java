package org.contactsync.directory;

import java.text.Normalizer;

import org.contactsync.contact.PhoneNumbers;

/**
 * Writes one Cisco IP Phone XML object. Every value goes through {@link #escape} after {@link #clean}, and
 * single-line values are cut to what the phones show ({@link #MAX_LINE} characters), so no contact data can break
 * the document or overflow a field.
 *
 * <p>Element names follow the Cisco Unified IP Phone Services Application Development Notes
 * (CiscoIPPhoneMenu, CiscoIPPhoneDirectory, CiscoIPPhoneInput, CiscoIPPhoneText).
 */
public final class CiscoXmlWriter {
    /** Title, Prompt, MenuItem/DirectoryEntry Name: the phones show about this many characters. */
    public static final int MAX_LINE = 32;
    /** Telephone and InputItem values. */
    public static final int MAX_TELEPHONE = 32;
    /** CiscoIPPhoneText Text. */
    public static final int MAX_TEXT = 4000;
    /** The phones reject longer URLs. */
    public static final int MAX_URL = 256;
    /** Marks a cut value; ASCII, because older phones' fonts have no "…". */
    public static final String ELLIPSIS = "...";

    private final StringBuilder out;
    private final String root;
    private final CiscoModel model;

    private CiscoXmlWriter(String root, int capacity, CiscoModel model) {
        this.root = root;
        this.model = model;
        this.out = new StringBuilder(capacity);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root).append('>');
    }

    public static CiscoXmlWriter menu() {
        return menu(CiscoModel.DEFAULT);
    }

    public static CiscoXmlWriter menu(CiscoModel model) {
        return new CiscoXmlWriter("CiscoIPPhoneMenu", 4096, model);
    }

    public static CiscoXmlWriter directory() {
        return directory(CiscoModel.DEFAULT);
    }

    public static CiscoXmlWriter directory(CiscoModel model) {
        return new CiscoXmlWriter("CiscoIPPhoneDirectory", 2048, model);
    }

    public static CiscoXmlWriter input() {
        return input(CiscoModel.DEFAULT);
    }

    public static CiscoXmlWriter input(CiscoModel model) {
        return new CiscoXmlWriter("CiscoIPPhoneInput", 1024, model);
    }

    public static CiscoXmlWriter text() {
        return text(CiscoModel.DEFAULT);
    }

    public static CiscoXmlWriter text(CiscoModel model) {
        return new CiscoXmlWriter("CiscoIPPhoneText", 1024, model);
    }

    public CiscoXmlWriter title(String title) {
        return element("Title", line(title));
    }

    /** The Prompt line; left out on models that show only the Title. */
    public CiscoXmlWriter prompt(String prompt) {
        return model.prompt() ? element("Prompt", line(prompt)) : this;
    }

    /** The URL a CiscoIPPhoneInput submits to. */
    public CiscoXmlWriter url(String url) {
        return element("URL", checkedUrl(url));
    }

    /** The body of a CiscoIPPhoneText; line breaks are kept. */
    public CiscoXmlWriter body(String text) {
        return element("Text", truncate(clean(text, true), MAX_TEXT));
    }

    public CiscoXmlWriter menuItem(String name, String url) {
        out.append("<MenuItem>");
        element("Name", line(name));
        element("URL", checkedUrl(url));
        out.append("</MenuItem>");
        return this;
    }

    /** One number of a CiscoIPPhoneDirectory; {@code telephone} must already be a dial string. */
    public CiscoXmlWriter directoryEntry(String name, String telephone) {
        out.append("<DirectoryEntry>");
        element("Name", line(name));
        element("Telephone", truncate(clean(telephone, false), MAX_TELEPHONE));
        out.append("</DirectoryEntry>");
        return this;
    }

    /**
     * One field of a CiscoIPPhoneInput. {@code flags}: A plain ASCII text, T telephone number, N numeric,
     * E equation, U uppercase, L lowercase, P (modifier) password.
     */
    public CiscoXmlWriter inputItem(String displayName, String queryStringParam, String defaultValue, String flags) {
        out.append("<InputItem>");
        element("DisplayName", line(displayName));
        element("QueryStringParam", line(queryStringParam));
        element("DefaultValue", truncate(clean(defaultValue, false), MAX_LINE));
        element("InputFlags", line(flags));
        out.append("</InputItem>");
        return this;
    }

    /**
     * A soft key. Custom soft keys replace all of the phone's default ones, so a page that wants "Select" or
     * "Dial" must list them too ({@code SoftKey:Select}, {@code SoftKey:Dial}, {@code SoftKey:Exit} …).
     */
    public CiscoXmlWriter softKey(String name, String url, int position) {
        if (position < 1 || position > 8) {
            throw new IllegalArgumentException("soft key position must be 1..8, was " + position);
        }
        if (model.softKeys() == 2) {
            // Two keys: the first (Select/Dial/Menu) stays, the last (Exit) moves to 2, the rest do not fit.
            if (position == 4) {
                position = 2;
            } else if (position != 1) {
                return this;
            }
        }
        out.append("<SoftKeyItem>");
        element("Name", line(name));
        element("URL", checkedUrl(url));
        out.append("<Position>").append(position).append("</Position>");
        out.append("</SoftKeyItem>");
        return this;
    }

    /** Closes the root element and returns the document. The writer must not be used afterwards. */
    public String finish() {
        out.append("</").append(root).append(">\n");
        return out.toString();
    }

    private CiscoXmlWriter element(String name, String value) {
        out.append('<').append(name).append('>');
        escapeInto(value, out);
        out.append("</").append(name).append('>');
        return this;
    }

    private String line(String value) {
        return truncate(clean(value, false), model.maxLine());
    }

    /** The model this writer renders for. */
    public CiscoModel model() {
        return model;
    }

    private static String checkedUrl(String url) {
        String u = clean(url, false);
        if (u.length() > MAX_URL) {
            // A cut URL would lead somewhere else; failing loudly shows the misconfiguration (a too-long base URL).
            throw new IllegalArgumentException("URL longer than the phones accept (" + MAX_URL + " characters): "
                    + u.substring(0, 60) + "...");
        }
        return u;
    }

    /**
     * Escapes the five characters XML gives meaning to: {@code & < > " '}.
     */
    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        escapeInto(value, sb);
        return sb.toString();
    }

    private static void escapeInto(String value, StringBuilder sb) {
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            String rep = switch (value.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (rep != null) {
                sb.append(value, start, i).append(rep);
                start = i + 1;
            }
        }
        sb.append(value, start, value.length());
    }

    /**
     * Makes a value safe to put into XML 1.0 and fit for a phone display: composes accents (NFC, so "O" plus a
     * combining diaeresis is one character), removes control characters, bidirectional overrides, unpaired
     * surrogates and non-characters, turns tabs and line breaks into spaces (or keeps line breaks when
     * {@code keepLineBreaks}), collapses runs of spaces and strips the ends. Null becomes "".
     */
    public static String clean(String value, boolean keepLineBreaks) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (isAlreadyClean(value)) {
            return value; // the common case needs no copy
        }
        String s = Normalizer.isNormalized(value, Normalizer.Form.NFC)
                ? value : Normalizer.normalize(value, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' && keepLineBreaks) {
                sb.append('\n');
                pendingSpace = false;
            } else if (cp == '\t' || cp == '\n' || cp == '\r' || Character.isSpaceChar(cp)) {
                pendingSpace = sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n';
            } else if (isAllowed(cp)) {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString().strip();
    }

    /**
     * Nothing for {@link #clean} to change: no character it removes or replaces, no leading, trailing or double
     * space, and already composed (NFC). A cheap scan, so names need no copy on every request.
     */
    private static boolean isAlreadyClean(String s) {
        int n = s.length();
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        boolean ascii = true;
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c == ' ' && prev == ' ')) {
                return false;
            }
            if (c > 0x7E) {
                ascii = false;
                if (c <= 0x9F || Character.isSurrogate(c) || Character.isSpaceChar(c) || !isAllowed(c)) {
                    return false; // C1 controls, pairs (checked properly on the slow path), odd spaces, the rest
                }
            }
            prev = c;
        }
        return ascii || Normalizer.isNormalized(s, Normalizer.Form.NFC);
    }

    private static boolean isAllowed(int cp) {
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            return false; // C0 and C1 control characters
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return false; // an unpaired surrogate (codePointAt returns a pair as one code point)
        }
        if (cp == 0xFFFE || cp == 0xFFFF || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return false; // non-characters; U+FFFE/U+FFFF are not allowed in XML at all
        }
        // Bidirectional embeddings/overrides/isolates can make a name display as something else.
        return !((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069));
    }

    /**
     * Cuts a value to at most {@code max} characters (code points, so an emoji or a rare CJK character counts
     * once and is never split), ending a cut value with {@link #ELLIPSIS}.
     */
    public static String truncate(String value, int max) {
        if (value.length() <= max) {
            return value; // fast path: fewer UTF-16 units than the limit means fewer code points too
        }
        int count = value.codePointCount(0, value.length());
        if (count <= max) {
            return value;
        }
        int keep = Math.max(0, max - ELLIPSIS.length());
        int end = value.offsetByCodePoints(0, keep);
        // Do not leave a base letter without the accents that follow it.
        while (end > 0 && end < value.length()
                && Character.getType(value.codePointAt(end)) == Character.NON_SPACING_MARK) {
            end = value.offsetByCodePoints(end, -1);
        }
        return value.substring(0, end).stripTrailing() + ELLIPSIS;
    }

    /**
     * What the Dial soft key dials for a number: {@link PhoneNumbers#dialString digits, + * #}, with the
     * outside-line prefix in front of any number not written in international "+" form (the call manager
     * routes those itself). Empty when the number has nothing dialable.
     */
    public static String telephone(String number, String outsideLinePrefix) {
        String dial = PhoneNumbers.dialString(number);
        if (dial.isEmpty() || dial.equals("+")) {
            return "";
        }
        String prefix = outsideLinePrefix == null ? "" : PhoneNumbers.dialString(outsideLinePrefix).replace("+", "");
        return dial.startsWith("+") ? dial : prefix + dial;
    }
}
