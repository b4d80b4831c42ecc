package org.contactsync.contact;

import java.text.Normalizer;
import java.util.Locale;

/** Folds text for case- and accent-insensitive matching: "Łukasz Öztürk" → "lukasz ozturk". */
public final class SearchText {
    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            sb.append(switch (c) {
                // Letters with strokes do not decompose in Unicode; fold the common ones by hand.
                case 'Ł', 'ł' -> 'l';
                case 'Ø', 'ø' -> 'o';
                case 'Đ', 'đ' -> 'd';
                case 'ß' -> 's';
                case 'Æ', 'æ' -> 'a';
                default -> c;
            });
        }
        return sb.toString().toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ");
    }
}
