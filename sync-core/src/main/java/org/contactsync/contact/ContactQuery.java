package org.contactsync.contact;

/**
 * A search over the local copy.
 *
 * @param text   name (prefix or contained word, case- and accent-insensitive) or phone number in any format;
 *               blank lists everything
 * @param limit  at most this many results (1..1000)
 * @param offset skip this many first
 * @param source only contacts of the source of this name; null (or blank) for every source
 */
public record ContactQuery(String text, int limit, int offset, String source) {
    public ContactQuery {
        text = text == null ? "" : text.strip();
        source = source == null || source.isBlank() ? null : source.strip();
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    /** A query over every source. */
    public ContactQuery(String text, int limit, int offset) {
        this(text, limit, offset, null);
    }

    public static ContactQuery all(int limit, int offset) {
        return new ContactQuery("", limit, offset);
    }

    /** The same query limited to the contacts of one source (null: every source). */
    public ContactQuery inSource(String sourceName) {
        return new ContactQuery(text, limit, offset, sourceName);
    }

    /** The query's digits when it looks like a phone number (no letters, at least three digits), else empty. */
    public String phoneDigits() {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                return "";
            }
        }
        String d = PhoneNumbers.digits(text);
        return d.length() >= 3 ? d : "";
    }

    /** The folded name text to look for. */
    public String foldedText() {
        return SearchText.fold(text);
    }

    /**
     * Whether a contact matches this query. The reference semantics every {@link ContactStore} implements:
     * only contacts of {@link #source()} when it names one; blank text matches all; a phone-like query matches any number by {@link PhoneNumbers#matches}; otherwise the
     * folded display name (or organisation) starts with the folded text or contains it at a word start.
     */
    public boolean matches(Contact c) {
        if (source != null && !source.equals(c.source())) {
            return false;
        }
        if (text.isEmpty()) {
            return true;
        }
        String digits = phoneDigits();
        if (!digits.isEmpty()) {
            for (PhoneNumber p : c.phones()) {
                if (PhoneNumbers.matches(p.digits(), digits)) {
                    return true;
                }
            }
            return false;
        }
        String q = foldedText();
        return nameMatches(SearchText.fold(c.displayName()), q)
                || (c.organization() != null && nameMatches(SearchText.fold(c.organization()), q));
    }

    static boolean nameMatches(String foldedName, String foldedQuery) {
        if (foldedName.startsWith(foldedQuery)) {
            return true;
        }
        return foldedName.contains(" " + foldedQuery) || foldedName.contains("-" + foldedQuery);
    }
}
