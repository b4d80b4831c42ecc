package org.contactsync.google;

/**
 * Connecting a Google account failed in a way a person can act on; the message says what happened and what to do.
 * Web layers answer it with 400 and the message.
 */
public class GoogleAuthorizationException extends RuntimeException {
    public GoogleAuthorizationException(String message) {
        super(message);
    }

    public GoogleAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }
}
