package org.contactsync.webapp.config;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.contactsync.carddav.CardDavSettings;
import org.contactsync.contact.Contact;
import org.contactsync.google.GoogleDirectorySyncEngine;
import org.contactsync.google.GoogleSettings;
import org.contactsync.webapp.config.ConfigSources.ConfigValue;
import org.contactsync.webapp.config.ContactSyncConfig.Source;
import org.contactsync.webapp.config.SourceSettings.Type;

import static org.contactsync.webapp.config.ConfigReader.error;
import static org.contactsync.webapp.config.ContactSyncConfig.*;

/**
 * Reads the named sources: {@code contactsync.sources=staff,customers} (the order is the priority order) and each
 * source's {@code contactsync.source.NAME.*}. Without {@code contactsync.sources} there are none, and the
 * single-source keys describe the one source {@code default} ({@link #single}).
 */
final class SourcesReader {
    /** Lower case (environment variables are upper-cased), no '.' or '_' (keys and env names stay unambiguous). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final String TYPES = Arrays.stream(Type.values()).map(Type::key)
            .collect(Collectors.joining(", ")).replaceAll(", ([^,]*)$", " or $1");

    private final ConfigSources sources;
    private final ConfigReader reader;

    SourcesReader(ConfigSources sources, ConfigReader reader) {
        this.sources = sources;
        this.reader = reader;
    }

    /** The one source {@code default} of a configuration without {@code contactsync.sources}. */
    static SourceSettings single(Source source, Path vcardFile, Charset charset, GoogleSettings google) {
        return source == Source.GOOGLE
                ? new SourceSettings(Contact.DEFAULT_SOURCE, Type.GOOGLE, null, null, google, null, null)
                : new SourceSettings(Contact.DEFAULT_SOURCE, Type.VCARD, vcardFile, charset, null, null, null);
    }

    /**
     * The sources {@code contactsync.sources} names, in its order; empty when it is unset.
     *
     * @param sharedCharset {@code contactsync.vcard.charset} (or its default), for sources that set no charset
     */
    List<SourceSettings> named(Charset sharedCharset) {
        Optional<ConfigValue> list = sources.lookup(SOURCES);
        if (list.isEmpty()) {
            return List.of();
        }
        for (String single : List.of(SOURCE, VCARD_FILE)) {
            sources.lookup(single).ifPresent(v -> {
                throw error(single, v, "is a single-source setting, but " + SOURCES + " names the sources. Set "
                        + "each source's type and file as " + sourceKey("NAME", SOURCE_TYPE) + " and "
                        + sourceKey("NAME", SOURCE_FILE) + " instead, and remove " + single + ".");
            });
        }
        List<SourceSettings> result = new ArrayList<>();
        for (String name : names(list.get())) {
            result.add(source(name, sharedCharset));
        }
        return List.copyOf(result);
    }

    private List<String> names(ConfigValue list) {
        Set<String> names = new LinkedHashSet<>();
        for (String raw : list.value().split(",", -1)) {
            String name = raw.strip();
            if (name.isEmpty()) {
                throw error(SOURCES, list, "'" + list.value() + "' has an empty name. Write the source names "
                        + "separated by commas, highest priority first, e.g. staff,customers,suppliers.");
            }
            if (!NAME.matcher(name).matches()) {
                throw error(SOURCES, list, "'" + name + "' is not a usable source name: use 1 to 32 lower-case "
                        + "letters, digits or '-', starting with a letter (e.g. staff or head-office).");
            }
            if (!names.add(name)) {
                throw error(SOURCES, list, "names the source '" + name + "' twice. Give every source a name of "
                        + "its own.");
            }
        }
        return List.copyOf(names);
    }

    private SourceSettings source(String name, Charset sharedCharset) {
        String typeKey = sourceKey(name, SOURCE_TYPE);
        Optional<ConfigValue> typeValue = sources.lookup(typeKey);
        if (typeValue.isEmpty()) {
            throw error(typeKey, null, "is not set, but " + SOURCES + " names the source '" + name + "'. Set it to "
                    + TYPES + ".");
        }
        Type type = Type.fromKey(typeValue.get().value());
        if (type == null) {
            throw error(typeKey, typeValue.get(), "'" + typeValue.get().value() + "' is not a source type. Use "
                    + TYPES + ".");
        }
        return switch (type) {
            case VCARD -> vcard(name, sharedCharset);
            case GOOGLE -> new SourceSettings(name, type, null, null, google(name, type), null, null);
            case GOOGLE_DIRECTORY -> new SourceSettings(name, type, null, null, google(name, type),
                    directorySources(name), null);
            case CARDDAV -> new SourceSettings(name, type, null, null, null, null, cardDav(name, sharedCharset));
        };
    }

    private SourceSettings vcard(String name, Charset sharedCharset) {
        String fileKey = sourceKey(name, SOURCE_FILE);
        Path file = reader.vcardFile(fileKey, false);
        if (file == null) {
            throw error(fileKey, null, "is not set. Point it at the .vcf file the source '" + name + "' reads.");
        }
        return new SourceSettings(name, Type.VCARD, file, reader.charset(sourceKey(name, SOURCE_CHARSET),
                sharedCharset), null, null, null);
    }

    private GoogleSettings google(String name, Type type) {
        GoogleSettings google = reader.google(name, true, " The source '" + name + "' is of type " + type.key()
                + "; docs/google.md tells how to create an OAuth client, docs/sources.md how to configure sources.");
        // The Workspace directory needs its own scope in the consent; the account's contacts need contacts.readonly.
        return type == Type.GOOGLE_DIRECTORY
                ? google.toBuilder().scopes(List.of(GoogleDirectorySyncEngine.SCOPE)).build()
                : google;
    }

    private List<String> directorySources(String name) {
        String key = sourceKey(name, SOURCE_DIRECTORY_SOURCES);
        Optional<ConfigValue> set = sources.lookup(key);
        if (set.isEmpty()) {
            return List.of(GoogleDirectorySyncEngine.DOMAIN_PROFILE, GoogleDirectorySyncEngine.DOMAIN_CONTACT);
        }
        Set<String> parts = new LinkedHashSet<>();
        for (String raw : set.get().value().split(",")) {
            String v = raw.strip().toLowerCase(Locale.ROOT);
            switch (v) {
                case "profile", "domain_profile", "directory_source_type_domain_profile" ->
                        parts.add(GoogleDirectorySyncEngine.DOMAIN_PROFILE);
                case "contact", "domain_contact", "directory_source_type_domain_contact" ->
                        parts.add(GoogleDirectorySyncEngine.DOMAIN_CONTACT);
                default -> throw error(key, set.get(), "'" + raw.strip() + "' is not a part of the directory. Use "
                        + "profile (the domain's users), contact (the domain's shared contacts) or profile,contact.");
            }
        }
        return List.copyOf(parts);
    }

    private CardDavSettings cardDav(String name, Charset sharedCharset) {
        String urlKey = sourceKey(name, SOURCE_URL);
        URI url = reader.url(sources.lookup(urlKey), false);
        if (url == null) {
            throw error(urlKey, null, "is not set. Set it to the address book collection's URL, e.g. "
                    + "https://cloud.example.com/remote.php/dav/addressbooks/users/USER/contacts/ (docs/sources.md "
                    + "lists the forms for Nextcloud, Radicale, Baïkal and iCloud).");
        }
        String userKey = sourceKey(name, SOURCE_USERNAME);
        String passwordKey = sourceKey(name, SOURCE_PASSWORD);
        String user = reader.optional(userKey).orElse(null);
        String password = reader.optional(passwordKey).orElse(null);
        // The password is a secret: no message repeats it.
        if (user != null && password == null) {
            throw error(passwordKey, null, "is not set but " + userKey + " is. Set the password (for Nextcloud and "
                    + "iCloud an app password) or remove the user name.");
        }
        if (password != null && user == null) {
            throw error(userKey, null, "is not set but " + passwordKey + " is. Set the user name the CardDAV "
                    + "server knows.");
        }
        Duration connect = timeout(sourceKey(name, SOURCE_CONNECT_TIMEOUT), "10s");
        Duration read = timeout(sourceKey(name, SOURCE_READ_TIMEOUT), "60s");
        Charset charset = reader.charset(sourceKey(name, SOURCE_CHARSET), sharedCharset);
        try {
            return new CardDavSettings(url, user, password, connect, read, 100, charset);
        } catch (IllegalArgumentException e) {
            throw error(urlKey, sources.lookup(urlKey).orElse(null), e.getMessage() + ".");
        }
    }

    private Duration timeout(String key, String defaultValue) {
        Optional<ConfigValue> set = sources.lookup(key);
        Duration d = reader.duration(key, set, defaultValue);
        if (d.isZero() || d.isNegative()) {
            throw error(key, set.orElse(null), "must be longer than 0s, e.g. 10s.");
        }
        return d;
    }
}
