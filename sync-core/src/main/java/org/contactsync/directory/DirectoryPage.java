package org.contactsync.directory;

import java.util.Objects;

/**
 * One rendered page of the phone directory.
 *
 * @param status the HTTP status to send: 200, 400 (malformed request) or 404 (no such group, page or contact)
 * @param xml    a complete Cisco IP Phone XML object; error pages are a CiscoIPPhoneText saying what happened
 */
public record DirectoryPage(int status, String xml) {
    public DirectoryPage {
        Objects.requireNonNull(xml, "xml");
    }

    public boolean ok() {
        return status == 200;
    }
}
