package org.contactsync.directory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which contact groups/labels the phones show as groups ({@code contactsync.directory.groups}): all of them
 * (empty setting), none ({@code none}), or only the named ones (comma separated, any case).
 *
 * @param all   show every label
 * @param names the labels to show when not all (folded to lower case); empty with {@code all} false: none
 */
public record LabelFilter(boolean all, Set<String> names) {
    public static final LabelFilter ALL = new LabelFilter(true, Set.of());
    public static final LabelFilter NONE = new LabelFilter(false, Set.of());

    public LabelFilter {
        names = names.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Reads the setting: blank → all, "none" → none, else the comma-separated names. */
    public static LabelFilter parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return ALL;
        }
        if (setting.strip().equalsIgnoreCase("none")) {
            return NONE;
        }
        return new LabelFilter(false, List.of(setting.split(",")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    /** Whether a label is shown as a group. */
    public boolean shows(String label) {
        return all || names.contains(label.strip().toLowerCase(Locale.ROOT));
    }
}
