package org.contactsync.sync;

/** The source no longer accepts the stored cursor; the core answers with a full sync in the same run. */
public class CursorExpiredException extends RuntimeException {
    public CursorExpiredException(String message, Throwable cause) {
        super(message, cause);
    }

    public CursorExpiredException(String message) {
        super(message);
    }
}
