package org.contactsync.jaxrs.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An HTTP Basic {@code Authorization} header value. */
public final class BasicAuth {
    private BasicAuth() {
    }

    public static String header(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
