package org.contactsync.sync;

import java.util.List;

/** A caller named a source that is not configured. Its message says which ones are. */
public final class UnknownSourceException extends IllegalArgumentException {
    private final String source;

    UnknownSourceException(String source, List<String> configured) {
        super("There is no source named '" + source + "'. The configured sources are: " + String.join(", ", configured)
                + ".");
        this.source = source;
    }

    /** The name that was asked for. */
    public String source() {
        return source;
    }
}
