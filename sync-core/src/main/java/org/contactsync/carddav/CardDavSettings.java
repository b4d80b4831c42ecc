package org.contactsync.carddav;

import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Objects;

import org.contactsync.vcard.VCardSyncEngine;

/**
 * Where a CardDAV address book is and how to log in.
 *
 * @param addressBook     the address book collection's URL, e.g. {@code https://cloud.example.com/remote.php/dav/addressbooks/users/alice/contacts/}
 * @param user            user name for HTTP Basic, or null for none
 * @param password        password (an app password for Nextcloud and iCloud), or null
 * @param connectTimeout  how long to wait for a connection
 * @param readTimeout     how long to wait for an answer
 * @param multigetSize    how many cards one addressbook-multiget asks for
 * @param fallbackCharset what card lines that are not UTF-8 and declare no CHARSET are read as
 */
public record CardDavSettings(URI addressBook, String user, String password, Duration connectTimeout,
                              Duration readTimeout, int multigetSize, Charset fallbackCharset) {
    public CardDavSettings {
        Objects.requireNonNull(addressBook, "addressBook");
        String scheme = addressBook.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw new IllegalArgumentException("The CardDAV address book URL must start with https:// (or http://),"
                    + " was " + addressBook);
        }
        if (!addressBook.getPath().endsWith("/")) {
            addressBook = URI.create(addressBook + "/"); // a collection; relative hrefs resolve against it
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
        if (multigetSize < 1) {
            multigetSize = 100;
        }
        fallbackCharset = fallbackCharset == null ? VCardSyncEngine.DEFAULT_FALLBACK_CHARSET : fallbackCharset;
    }

    /** The address book at {@code url} with Basic credentials and the default timeouts. */
    public static CardDavSettings of(URI url, String user, String password) {
        return new CardDavSettings(url, user, password, null, null, 100, null);
    }

    @Override
    public String toString() {
        return "CardDavSettings[" + addressBook + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + "]";
    }
}
