package org.contactsync.directory.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.contactsync.contact.Contact;

/**
 * The order in which sources win when their contacts are merged into one directory entry: the configured order of
 * the sources, first = highest. A source not in the list ranks after every listed one (among themselves by name),
 * so a contact is never dropped for coming from a source the list forgot.
 *
 * @param names the source names, highest priority first (blank names and repeats are left out)
 */
public record SourcePriority(List<String> names) {
    /**
     * Which member of a merged group wins (its name and organisation are the entry's): the higher-priority
     * source, then the most recently updated ({@link Contact#updatedAt()}; unknown counts as oldest), then, so
     * the choice never changes between two builds of the same contacts, source name, source id and store id.
     */
    public Comparator<Contact> winnerOrder() {
        Map<String, Integer> ranks = ranks();
        Comparator<Contact> byRank = Comparator.comparingInt(c -> ranks.getOrDefault(c.source(), ranks.size()));
        return byRank
                .thenComparing(Contact::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Contact::source)
                .thenComparing(Contact::sourceId)
                .thenComparingLong(Contact::id);
    }

    public SourcePriority {
        List<String> clean = new ArrayList<>();
        for (String n : Objects.requireNonNullElse(names, List.<String>of())) {
            if (n != null && !n.isBlank() && !clean.contains(n.strip())) {
                clean.add(n.strip());
            }
        }
        names = List.copyOf(clean);
    }

    /** No configured order: every source ranks the same, so the most recently updated contact wins. */
    public static SourcePriority none() {
        return new SourcePriority(List.of());
    }

    /** The given sources, highest priority first. */
    public static SourcePriority of(String... names) {
        return new SourcePriority(List.of(names));
    }

    private Map<String, Integer> ranks() {
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ranks.put(names.get(i), i);
        }
        return ranks;
    }
}
