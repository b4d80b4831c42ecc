package org.contactsync.sync;

/**
 * The source failed in a way a person can understand. The message is shown as is ("Could not reach the contact
 * source: connection refused. Check the network and run the sync again."); the detail goes to the log and the
 * folded-away part of the page.
 */
public class SyncSourceException extends RuntimeException {
    private final String detail;

    public SyncSourceException(String userMessage, String detail, Throwable cause) {
        super(userMessage, cause);
        this.detail = detail;
    }

    public SyncSourceException(String userMessage, Throwable cause) {
        this(userMessage, cause == null ? null : cause.toString(), cause);
    }

    public SyncSourceException(String userMessage) {
        this(userMessage, null, null);
    }

    public String detail() {
        return detail;
    }
}
