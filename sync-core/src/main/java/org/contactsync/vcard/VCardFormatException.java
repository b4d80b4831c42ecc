package org.contactsync.vcard;

/**
 * The file is not a usable vCard file. The engine turns it into a {@link org.contactsync.sync.SyncSourceException}
 * that names the file; this part says where and what.
 */
final class VCardFormatException extends RuntimeException {
    private static final int MAX_QUOTED = 60;

    /**
     * @param card    1-based number of the card with the problem, or 0 when the problem is not inside a card
     * @param line    1-based line of the problem, or 0 when there is none to point at
     * @param problem what is wrong, for people; for a card problem without the "card N (line L)" prefix
     */
    VCardFormatException(int card, int line, String problem) {
        super(card > 0 ? "card " + card + " (line " + line + "): " + problem : problem);
    }

    /** A line of the file as shown in a message: quoted, shortened, control characters made visible. */
    static String quote(String raw) {
        return quote(raw, MAX_QUOTED);
    }

    /** Like {@link #quote(String)}, at most {@code max} characters. */
    static String quote(String raw, int max) {
        String s = raw.strip();
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8).append('"');
        int shown = 0;
        for (int i = 0; i < s.length() && shown < max; i++, shown++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > max) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }
}
