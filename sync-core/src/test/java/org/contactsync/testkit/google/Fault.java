package org.contactsync.testkit.google;

import java.time.Duration;

/**
 * A misbehaviour the {@link PeopleApiEmulator} can show on {@code connections.list} (and
 * {@code contactGroups.list}), as Google (or the network
 * between) does in real life.
 *
 * @param kind       what goes wrong
 * @param status     the HTTP status for {@link Kind#STATUS}
 * @param retryAfter the Retry-After seconds sent with a status, or null for none
 * @param delay      how long a {@link Kind#SLOW} answer waits before it is sent
 */
public record Fault(Kind kind, int status, Integer retryAfter, Duration delay) {

    public enum Kind {
        /** An error status with Google's JSON error body. */
        STATUS,
        /** The answer comes late (past the client's read timeout). */
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
        return new Fault(Kind.STATUS, 429, null, null);
    }

    /** 429 with {@code Retry-After: seconds}. */
    public static Fault rateLimited(int retryAfterSeconds) {
        return new Fault(Kind.STATUS, 429, retryAfterSeconds, null);
    }

    /** 500 INTERNAL, 502, 503 UNAVAILABLE, ... */
    public static Fault serverError(int status) {
        return new Fault(Kind.STATUS, status, null, null);
    }

    /** 401 UNAUTHENTICATED from the People API. */
    public static Fault unauthorized() {
        return new Fault(Kind.STATUS, 401, null, null);
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, null);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, 200, null, delay);
    }

    public static Fault resetMidBody() {
        return new Fault(Kind.RESET_MID_BODY, 200, null, null);
    }

    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, 200, null, null);
    }

    public static Fault truncatedJson() {
        return new Fault(Kind.TRUNCATED_JSON, 200, null, null);
    }

    public static Fault cutAfterFirstContact() {
        return new Fault(Kind.CUT_AFTER_CONTACT, 200, null, null);
    }

    /** Every access token issued so far expires before this request; a client must refresh and retry. */
    public static Fault expiredAccessToken() {
        return new Fault(Kind.EXPIRED_ACCESS_TOKEN, 401, null, null);
    }
}
