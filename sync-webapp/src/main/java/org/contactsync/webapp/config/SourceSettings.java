package org.contactsync.webapp.config;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.contactsync.carddav.CardDavSettings;
import org.contactsync.google.GoogleSettings;

/**
 * One configured source of contacts: {@code contactsync.source.NAME.*} when {@code contactsync.sources} names the
 * sources, or the one source {@code default} of a configuration with the single-source keys. Only the settings of
 * its type are set; the others are null.
 *
 * @param name             the source's name (lower-case letters, digits and '-', starting with a letter)
 * @param type             what it reads
 * @param vcardFile        {@link Type#VCARD}: the file; null means the bundled sample (only the default source)
 * @param charset          {@link Type#VCARD} and {@link Type#CARDDAV}: what card lines that are not UTF-8 and
 *                         declare no CHARSET are read as
 * @param google           {@link Type#GOOGLE} and {@link Type#GOOGLE_DIRECTORY}: the OAuth client and the API
 * @param directorySources {@link Type#GOOGLE_DIRECTORY}: which parts of the directory are read (the People API's
 *                         {@code DIRECTORY_SOURCE_TYPE_*} values)
 * @param cardDav          {@link Type#CARDDAV}: the address book and its login
 */
public record SourceSettings(String name, Type type, Path vcardFile, Charset charset, GoogleSettings google,
                             List<String> directorySources, CardDavSettings cardDav) {
    public SourceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        directorySources = directorySources == null ? List.of() : List.copyOf(directorySources);
    }

    /** Secrets (the Google client secret and token key, the CardDAV password) are masked by the settings' own. */
    @Override
    public String toString() {
        String what = switch (type) {
            case VCARD -> "file=" + (vcardFile == null ? "(bundled sample)" : vcardFile) + ", charset=" + charset;
            case GOOGLE -> "google=" + google;
            case GOOGLE_DIRECTORY -> "google=" + google + ", directorySources=" + directorySources;
            case CARDDAV -> "carddav=" + cardDav;
        };
        return "Source[" + name + ", " + type.key() + ", " + what + "]";
    }

    /** The source types, as written in {@code contactsync.source.NAME.type}. */
    public enum Type {
        VCARD("a vCard file"),
        GOOGLE("Google Contacts"),
        GOOGLE_DIRECTORY("Google Workspace directory"),
        CARDDAV("CardDAV address book");

        private final String label;

        Type(String label) {
            this.label = label;
        }

        /** The value in the configuration, e.g. {@code google-directory}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** What a person reads, e.g. "Google Workspace directory". */
        public String label() {
            return label;
        }

        /** Whether the source connects a Google account (OAuth). */
        public boolean google() {
            return this == GOOGLE || this == GOOGLE_DIRECTORY;
        }

        /** The type written as {@code key}, or null. */
        public static Type fromKey(String key) {
            for (Type t : values()) {
                if (t.key().equals(key.strip().toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            return null;
        }
    }
}
