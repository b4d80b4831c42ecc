package org.contactsync.jaxrs.directory;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Objects;

import org.contactsync.directory.DialRules;
import org.contactsync.directory.PhoneAccess;

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
 * @param dialForm      which form of a number phones dial ({@code contactsync.directory.dial-form})
 * @param legacyCharset what to answer phones that accept neither UTF-8 nor ISO-8859-1 in, or that the site's
 *                      names need ({@code contactsync.directory.legacy-charset}, e.g. windows-1251); null for none
 * @param access        who may read the phone feed ({@code contactsync.directory.allowed-networks} and
 *                      {@code allowed-devices}); open by default
 */
public record DirectorySettings(String title, URI publicBaseUrl, boolean trustProxy, String dialPrefix,
                                DialRules.Form dialForm, Charset legacyCharset, PhoneAccess access) {
    public DirectorySettings {
        title = title == null || title.isBlank() ? "Contacts" : title.strip();
        dialPrefix = dialPrefix == null ? "" : dialPrefix.strip();
        dialForm = Objects.requireNonNullElse(dialForm, DialRules.Form.AS_WRITTEN);
        access = Objects.requireNonNullElseGet(access, PhoneAccess::open);
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
        DialRules.asWritten(dialPrefix); // checks the dial prefix with its own clear message
    }

    /** Title, base URL, proxy trust and dial prefix; numbers as written, UTF-8 or ISO-8859-1, open to all. */
    public DirectorySettings(String title, URI publicBaseUrl, boolean trustProxy, String dialPrefix) {
        this(title, publicBaseUrl, trustProxy, dialPrefix, null, null, null);
    }

    public DirectorySettings withDialForm(DialRules.Form form) {
        return new DirectorySettings(title, publicBaseUrl, trustProxy, dialPrefix, form, legacyCharset, access);
    }

    public DirectorySettings withLegacyCharset(Charset charset) {
        return new DirectorySettings(title, publicBaseUrl, trustProxy, dialPrefix, dialForm, charset, access);
    }

    public DirectorySettings withAccess(PhoneAccess phoneAccess) {
        return new DirectorySettings(title, publicBaseUrl, trustProxy, dialPrefix, dialForm, legacyCharset,
                phoneAccess);
    }

    /** The dial rules for phones in {@code region} (the snapshot's, so numbers and rules agree). */
    public DialRules dialRules(String region) {
        return new DialRules(region, dialPrefix, dialForm);
    }

    /** Title "Contacts", everything from the request, no trusted proxy, no dial prefix. */
    public static DirectorySettings defaults() {
        return new DirectorySettings(null, null, false, null);
    }
}
