package org.contactsync.jaxrs.support;

import java.util.Locale;

/**
 * Strict parsing of query parameters. Resources take parameters as strings and parse them here, because JAX-RS's
 * own conversion answers 404 for a bad number and reads any word but "true" as false.
 */
public final class Params {
    /** The largest page any list endpoint returns. */
    public static final int MAX_LIMIT = 100;

    private Params() {
    }

    /** A page size 1..{@value #MAX_LIMIT}; absent or blank gives {@code defaultLimit}. */
    public static int limit(String raw, int defaultLimit) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        long value = wholeNumber("limit", raw, "between 1 and " + MAX_LIMIT);
        if (value < 1 || value > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", was " + value
                    + ". Page through longer lists with offset.");
        }
        return (int) value;
    }

    /** How many items to skip, 0 or more; absent or blank gives 0. */
    public static int offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        long value = wholeNumber("offset", raw, "0 or more");
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw ApiException.badRequest("offset must be 0 or more, was " + value + ".");
        }
        return (int) value;
    }

    /** "true" or "false" (any case, also 1/0); absent or blank gives false; anything else is refused. */
    public static boolean flag(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> {
                return true;
            }
            case "false", "0" -> {
                return false;
            }
            default -> throw ApiException.badRequest(name + " must be true or false, was '" + shorten(raw) + "'.");
        }
    }

    /**
     * One of {@code allowed} (lower case; the value is matched in any case) or, absent or blank, null; anything
     * else is refused with a sentence listing the allowed values.
     */
    public static String oneOf(String name, String raw, String... allowed) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(value)) {
                return a;
            }
        }
        String list = String.join(", ", java.util.Arrays.asList(allowed).subList(0, allowed.length - 1)) + " or "
                + allowed[allowed.length - 1];
        throw ApiException.badRequest(name + " must be " + list + ", was '" + shorten(raw) + "'. Leave it out to "
                + "list every " + name + ".");
    }

    /** A positive id from a path segment, or 404 naming what was not found (a non-number can never be an id). */
    public static long id(String raw, String what) {
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to not found
        }
        throw ApiException.notFound("No " + what + " with id '" + shorten(raw) + "'.");
    }

    static String shorten(String raw) {
        String s = raw.strip();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static long wholeNumber(String name, String raw, String range) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number " + range + ", was '" + shorten(raw) + "'.");
        }
    }
}
