package org.contactsync.directory;

import java.util.Locale;
import java.util.Optional;

import org.contactsync.contact.SearchText;

/**
 * The groups of the directory's main menu, one per phone key, in keypad order.
 *
 * <p>Where a name goes ({@link #of}): the first letter, digit or {@code +} of the name, folded (accents and
 * strokes removed, so "Öztürk" → o, "Łukasz" → l); leading quotes, brackets and other symbols are skipped.
 * <ul>
 *   <li>a Latin letter → the key that carries it ({@code 2ABC} … {@code 9WXYZ});</li>
 *   <li>a digit or {@code +} → {@code 1} (contacts known only by a number, companies like "3M");</li>
 *   <li>anything else — a letter of another script ("李", "Жанна", "Ωmega") or a name with no letter or digit
 *       at all → {@code 0}.</li>
 * </ul>
 */
public enum KeypadGroup {
    ONE("1"),
    ABC("2ABC"),
    DEF("3DEF"),
    GHI("4GHI"),
    JKL("5JKL"),
    MNO("6MNO"),
    PQRS("7PQRS"),
    TUV("8TUV"),
    WXYZ("9WXYZ"),
    ZERO("0");

    private static final KeypadGroup[] BY_LETTER = new KeypadGroup[26];

    static {
        for (KeypadGroup g : values()) {
            for (int i = 1; i < g.label.length(); i++) {
                BY_LETTER[g.label.charAt(i) - 'A'] = g;
            }
        }
    }

    private final String label;

    KeypadGroup(String label) {
        this.label = label;
    }

    /** What the menu shows and the URL uses: "1", "2ABC" … "9WXYZ", "0". */
    public String label() {
        return label;
    }

    /** The key's digit. */
    public char key() {
        return label.charAt(0);
    }

    /** The group a display name belongs to; see the class comment for the rules. */
    public static KeypadGroup of(String displayName) {
        return ofFolded(SearchText.fold(displayName));
    }

    /** As {@link #of}, for a name already folded by {@link SearchText#fold}. */
    static KeypadGroup ofFolded(String folded) {
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            if (cp >= 'a' && cp <= 'z') {
                return BY_LETTER[cp - 'a'];
            }
            if ((cp >= '0' && cp <= '9') || cp == '+') {
                return ONE;
            }
            if (Character.isLetterOrDigit(cp)) {
                return ZERO;
            }
            i += Character.charCount(cp);
        }
        return ZERO;
    }

    /**
     * The group a URL names: its label ("2ABC", any case) or just its key ("2"). Empty for anything else, so the
     * caller can answer with a clear "no such group".
     */
    public static Optional<KeypadGroup> fromPath(String segment) {
        if (segment == null) {
            return Optional.empty();
        }
        String s = segment.strip().toUpperCase(Locale.ROOT);
        for (KeypadGroup g : values()) {
            if (g.label.equals(s) || (s.length() == 1 && g.key() == s.charAt(0))) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }
}
