package org.contactsync.google;

import java.net.URI;
import java.time.Instant;

/**
 * A started "connect Google": where to send the browser, and the {@code state} that must come back on the callback.
 *
 * @param authorizationUrl Google's consent page with client id, scope, offline access and the state
 * @param state            the CSRF value; web layers may also bind it to the browser (a cookie)
 * @param expiresAt        after this the callback is refused
 */
public record AuthorizationRequest(URI authorizationUrl, String state, Instant expiresAt) {
}
