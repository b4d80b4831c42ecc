package org.contactsync.sync;

import java.util.Objects;
import java.util.regex.Pattern;

import org.contactsync.contact.Contact;

/**
 * One configured source of contacts: a name, the engine that reads it, and its place in the configured order (0
 * first), which is also its priority when the same person comes from several sources. Its contacts are stored under
 * its name ({@link Contact#source()}), its cursor under {@link #cursorKey()}.
 *
 * @param name   letters, digits, '-' and '_', 1 to 64 characters (it appears in configuration keys and URLs)
 * @param engine reads the source
 * @param order  0 for the first configured source, 1 for the next, …
 */
public record SyncSource(String name, SyncEngine engine, int order) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public SyncSource {
        requireValidName(name);
        Objects.requireNonNull(engine, "engine");
        if (order < 0) {
            throw new IllegalArgumentException("order must not be negative, was " + order);
        }
    }

    /** Returns {@code name} if it is a valid source name, else throws saying what a name may be. */
    public static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("The source name '" + name + "' is not allowed: use 1 to 64 "
                    + "letters, digits, '-' or '_', starting with a letter or digit.");
        }
        return name;
    }

    /**
     * Where this source's cursor is stored: the engine's name for the {@link Contact#DEFAULT_SOURCE default} source
     * (the key a single-source installation has always used), {@code name/engine} for every other source, so
     * that a source given another engine starts afresh.
     */
    public String cursorKey() {
        return isDefault() ? engine.name() : name + "/" + engine.name();
    }

    /** Whether this is the one source of a configuration that names none. */
    public boolean isDefault() {
        return Contact.DEFAULT_SOURCE.equals(name);
    }
}
