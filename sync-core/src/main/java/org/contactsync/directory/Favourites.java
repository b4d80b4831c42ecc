package org.contactsync.directory;

import java.util.Locale;
import java.util.Set;

/**
 * The one rule for "is this contact a favourite": a source marks favourites as a group/label, Google as
 * membership of its system group {@code starred} (the mapper keeps that name whatever the account's language),
 * a vCard as {@code X-FAVORITE} (mapped to the same marker) or a {@code CATEGORIES} value like "Favorites".
 * The marker groups are not shown as labels.
 */
public final class Favourites {
    /** The group name sources map their favourite flag to. */
    public static final String MARKER = "starred";

    private static final Set<String> NAMES = Set.of(MARKER, "contactgroups/starred", "favorites", "favourites",
            "favorite", "favourite");

    private Favourites() {
    }

    /** Whether a group name marks a favourite (any case). */
    public static boolean isMarker(String group) {
        return group != null && NAMES.contains(group.strip().toLowerCase(Locale.ROOT));
    }
}
