package org.contactsync.testkit.google;

/**
 * A misbehaviour the {@link PeopleApiEmulator} can show on {@code connections.list} (and
 * {@code contactGroups.list}), as Google (or the network
 * between) does in real life.
 *
 * @param kind       what goes wrong
 * @param status     the HTTP status for {@link Kind#STATUS}
 * @param retryAfter the Retry-After seconds sent with a status, or null for none
 */
public record Fault(Kind kind, int status, Integer retryAfter) {

    public enum Kind {
        /** An error status with Google's JSON error body. */
        STATUS,
        /**
         * The answer comes after the client gave up: it is held back until the emulator's faults are cleared or it
         * closes, so it is past any read timeout however long the loaded machine keeps the client's thread waiting
         * (a fixed delay is not: a client thread woken late reads an answer that arrived meanwhile).
         */
        SLOW,
        /** The connection closes after half of the body. */
        RESET_MID_BODY,
        /** 200 with a body that is not valid JSON. */
        MALFORMED_JSON,
        /** 200 with the page's body cut in the middle of a contact; Content-Length matches what is sent. */
        TRUNCATED_JSON,
        /** 200 with the page's body ending right after its first whole contact; Content-Length matches. */
        CUT_AFTER_CONTACT,
        /** The access tokens handed out so far stop working (they expired): the request gets a 401. */
        EXPIRED_ACCESS_TOKEN
    }

    /** 429 RESOURCE_EXHAUSTED / RATE_LIMIT_EXCEEDED without Retry-After. */
    public static Fault rateLimited() {
        return new Fault(Kind.STATUS, 429, null);
    }

    /** 429 with {@code Retry-After: seconds}. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.STATUS, 429, retryAfterSeconds);
    }

    /** 500 INTERNAL, 502, 503 UNAVAILABLE, ... */
    public static Fault serverError(int status) {
        return new Fault(Kind.STATUS, status, null);
    }

    /** 401 UNAUTHENTICATED from the People API. */
    public static Fault unauthorized() {
        return new Fault(Kind.STATUS, 401, null);
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null);
    }

    /** An answer that comes only after the client's read timeout (see {@link Kind#SLOW}). */
    public static Fault slow() {
        return new Fault(Kind.SLOW, 200, null);
    }

    public static Fault resetMidBody() {
        return new Fault(Kind.RESET_MID_BODY, 200, null);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 200, null);
    }

    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, 200, null);
    }

    public static Fault cutAfterFirstContact() {
        return new Fault(Kind.CUT_AFTER_CONTACT, 200, null);
    }

    /** Every access token issued so far expires before this request; a client must refresh and retry. */
    public static Fault expiredAccessToken() {
        return new Fault(Kind.EXPIRED_ACCESS_TOKEN, 401, null);
    }
}
