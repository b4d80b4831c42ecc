package org.contactsync.jaxrs.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic credentials, parsed by one rule for every filter that accepts them: the scheme {@code Basic} (any
 * case), standard Base64 of UTF-8 {@code user:password}, a user name of at least one character (the password may
 * contain ':'). Anything else is no credentials at all.
 *
 * <p>{@link #toString()} shows neither part: what was typed as a user name is often a password typed into the wrong
 * field, so it never goes to the log.
 */
public record BasicCredentials(String user, String password) {
    /** The challenge sent with a 401, the same for the web app and the API. */
    public static final String CHALLENGE = "Basic realm=\"ContactSync\", charset=\"UTF-8\"";

    /** The credentials in an {@code Authorization} header, or empty when it holds no (valid) Basic credentials. */
    public static Optional<BasicCredentials> parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
    }

    /** Whether the header claims Basic credentials at all (valid or not). */
    public static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=(not shown), password=(not shown)]";
    }
}
