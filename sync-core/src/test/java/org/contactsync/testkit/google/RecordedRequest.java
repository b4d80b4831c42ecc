package org.contactsync.testkit.google;

import java.util.Map;

/** One request the emulator received: its path and query parameters (each parameter's first value). */
public record RecordedRequest(String method, String path, Map<String, String> params) {

    /** The parameters the People API requires to be identical on every page of one listing. */
    public Map<String, String> pagingParams() {
        Map<String, String> copy = new java.util.TreeMap<>(params);
        copy.remove("pageToken");
        return copy;
    }
}
