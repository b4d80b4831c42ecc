package org.contactsync.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.ibm.icu.text.Transliterator;

import org.contactsync.contact.SearchText;

/**
 * Latin-ASCII spellings of names in any script, with ICU4J ({@code Any-Latin; Latin-ASCII}): "Жанна" → "Zanna",
 * "Σοφία" → "Sophia", "Straße" → "Strasse", "李" → "li". Used for keypad search and for phone charsets that lack
 * a character. ICU is slow per call, so words are cached (address books repeat given and family names) and
 * text that is already ASCII is returned as it is. Not thread-safe: one per snapshot build or per rendering.
 */
public final class Transliteration {
    private static final int MAX_CACHED = 50_000;

    /** Made on first need: building ICU's Any-Latin takes long, and most address books are mostly ASCII. */
    private Transliterator toAscii;
    private final Map<String, String> cache = new HashMap<>();

    /** The text with every non-ASCII word spelled in ASCII (what cannot be spelled is dropped). */
    public String ascii(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        if (isAscii(text)) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 8);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                if (i > start) {
                    sb.append(word(text.substring(start, i)));
                }
                if (i < text.length()) {
                    sb.append(' ');
                }
                start = i + 1;
            }
        }
        return sb.toString();
    }

    /** One character as ASCII, for charsets that lack it ("ł" → "l", "Ж" → "Z"); "" when it has no spelling. */
    public String ascii(int codePoint) {
        return word(new String(Character.toChars(codePoint)));
    }

    private String word(String w) {
        if (isAscii(w)) {
            return w;
        }
        String cached = cache.get(w);
        if (cached != null) {
            return cached;
        }
        if (toAscii == null) {
            toAscii = Transliterator.getInstance("Any-Latin; Latin-ASCII");
        }
        String t = toAscii.transliterate(w);
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c); // what ICU could not spell (emoji) is dropped rather than sent as '?'
            }
        }
        String result = sb.toString();
        if (cache.size() < MAX_CACHED) {
            cache.put(w, result);
        }
        return result;
    }

    /**
     * The keypad digits of each word of a name, in order: letters by the key that carries them after spelling the
     * name in ASCII ("Wójcik" → "965245", "Жанна" → "92662"), digits as they are; other characters separate
     * words. Empty words are left out.
     */
    public String[] keypadWords(String name) {
        String ascii = ascii(SearchText.fold(name));
        List<String> words = new ArrayList<>(4);
        StringBuilder sb = new StringBuilder(16);
        for (int i = 0; i <= ascii.length(); i++) {
            char key = i == ascii.length() ? 0 : key(ascii.charAt(i));
            if (key != 0) {
                sb.append(key);
            } else if (i == ascii.length() || isSeparator(ascii.charAt(i))) {
                if (sb.length() > 0) {
                    words.add(sb.toString());
                    sb.setLength(0);
                }
            }
        }
        return words.toArray(new String[0]);
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.' || c == ',' || c == '/' || c == '(' || c == ')' || c == '&';
    }

    /** The phone key for an ASCII letter or digit (ITU E.161), or 0. */
    static char key(char c) {
        if (c >= '0' && c <= '9') {
            return c;
        }
        char l = Character.toLowerCase(c);
        if (l < 'a' || l > 'z') {
            return 0;
        }
        return "22233344455566677778889999".charAt(l - 'a');
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
