package org.contactsync.jaxrs.directory;

import java.nio.charset.Charset;

import org.contactsync.directory.CiscoModel;
import org.contactsync.directory.PhoneCharset;
import org.contactsync.jaxrs.support.ClientUrl;

/**
 * What a {@link PhoneRequest} means for the directory under its {@link DirectorySettings}: the root its links start
 * from, the charset and phone model to answer in, whether it may read the directory at all, and the key of its
 * stored page. Both ways a page is served (Jersey's {@link DirectoryResource} and the stored-bytes fast path
 * {@link StoredPages}) ask here, so they cannot disagree.
 */
final class PhoneRequestRules {
    static final String MODEL_HEADER = "x-CiscoIPPhoneModelName";
    static final String DEVICE_HEADER = "x-CiscoIPPhoneDeviceName";

    private final DirectorySettings settings;
    private final ClientUrl clientUrl;

    PhoneRequestRules(DirectorySettings settings) {
        this.settings = settings;
        this.clientUrl = new ClientUrl(settings.publicBaseUrl(), settings.trustProxy());
    }

    /**
     * The absolute URL of the main menu, without a trailing slash: from the configured public base URL, else from
     * the request, with the proxy's X-Forwarded-Proto/-Host only when configured to trust them.
     */
    String root(PhoneRequest r) {
        return clientUrl.base(r.base(), r.header("X-Forwarded-Proto"), r.header("X-Forwarded-Host")) + "directory";
    }

    /** The charset the phone accepts ({@link PhoneCharset#choose}). */
    Charset charset(PhoneRequest r) {
        return PhoneCharset.choose(r.header("Accept-Charset"), settings.legacyCharset());
    }

    /** The phone's model family, from {@code x-CiscoIPPhoneModelName} (a safe default when absent). */
    CiscoModel model(PhoneRequest r) {
        return CiscoModel.of(r.header(MODEL_HEADER));
    }

    /** Whether this client may read the phone feed (always, unless access control is configured). */
    boolean allowed(PhoneRequest r) {
        if (!settings.access().enabled()) {
            return true;
        }
        String address = clientUrl.clientAddress(r.remoteAddress(), r.header("X-Forwarded-For"));
        return settings.access().allows(address, r.header(DEVICE_HEADER));
    }

    /**
     * The key a page's stored bytes are kept under: everything of the request the page may depend on (root, raw
     * path and query, charset, model family), so one key never stands for two different answers.
     */
    String pageKey(PhoneRequest r) {
        return pageKey(r, root(r), charset(r));
    }

    String pageKey(PhoneRequest r, String root, Charset charset) {
        return root + '|' + r.rawPath() + '?' + r.rawQuery() + '|' + charset.name() + '|' + model(r).family();
    }
}
