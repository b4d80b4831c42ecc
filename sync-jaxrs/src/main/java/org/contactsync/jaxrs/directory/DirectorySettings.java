package org.contactsync.jaxrs.directory;

import java.net.URI;

import org.contactsync.directory.DirectoryPages;

/**
 * How {@link DirectoryResource} presents the phone directory.
 *
 * @param title         the main menu's title ({@code contactsync.directory.title}); blank means "Contacts"
 * @param publicBaseUrl the URL phones reach the application at ({@code contactsync.public-base-url}), e.g.
 *                      {@code https://intranet.example.com/contactsync}; the directory is at
 *                      {@code <publicBaseUrl>/directory}. With no path (just {@code https://host/}) only scheme,
 *                      host and port are taken and the path comes from the request. Null: all from the request.
 * @param trustProxy    whether {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} may say how phones reached us
 *                      ({@code contactsync.trust-proxy}); only behind a proxy that sets them, since anyone can
 *                      send them
 * @param dialPrefix    outside-line prefix for numbers not in "+" form ({@code contactsync.directory.dial-prefix});
 *                      digits, * and # only, or blank for none
 */
public record DirectorySettings(String title, URI publicBaseUrl, boolean trustProxy, String dialPrefix) {
    public DirectorySettings {
        title = title == null || title.isBlank() ? "Contacts" : title.strip();
        dialPrefix = dialPrefix == null ? "" : dialPrefix.strip();
        if (publicBaseUrl != null) {
            String scheme = publicBaseUrl.getScheme();
            if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || publicBaseUrl.getHost() == null
                    || publicBaseUrl.getRawQuery() != null || publicBaseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("contactsync.public-base-url must be an absolute http(s) URL "
                        + "without query or fragment, like https://intranet.example.com/contactsync, was "
                        + publicBaseUrl);
            }
            if (publicBaseUrl.toString().length() > 150) {
                throw new IllegalArgumentException("contactsync.public-base-url is longer than 150 characters; "
                        + "phones accept URLs of at most 256 characters, and directory links add to it");
            }
        }
        new DirectoryPages(title, dialPrefix); // checks the dial prefix with its own clear message
    }

    /** Title "Contacts", everything from the request, no trusted proxy, no dial prefix. */
    public static DirectorySettings defaults() {
        return new DirectorySettings(null, null, false, null);
    }
}
