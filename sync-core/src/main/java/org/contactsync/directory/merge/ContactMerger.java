package org.contactsync.directory.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;

/**
 * Finds the contacts of different sources that are one person and merges each such group into one entry.
 *
 * <p>The rule:
 * <ul>
 *   <li>Two contacts of <em>different</em> sources are the same person when they share a phone number (compared in
 *       E.164 form, so "+48 22 123 45 67" and "022 1234567" read in region PL are one number; internal extensions
 *       never link) or an email address (trimmed, ignoring case). The relation is transitive: A and B sharing a
 *       number and B and C sharing an email make one entry of all three.</li>
 *   <li>Contacts of the <em>same</em> source are never merged with each other: an address book that lists two
 *       people with the company's switchboard number means two people. A number or email that two or more
 *       contacts of one source share links none of that source's contacts (it identifies nobody there); it still
 *       links contacts of other sources that each have it once. Where links would put two contacts of one source
 *       into one entry, the link met later is not followed (contacts are visited in winner order, so the links of
 *       higher-priority, more recent contacts come first).</li>
 *   <li>The entry's name and organisation are the winner's ({@link SourcePriority#winnerOrder()}: source priority,
 *       then most recently updated, then a fixed tie-break); numbers, emails and labels are united
 *       ({@link MergedContact}).</li>
 * </ul>
 *
 * <p>Cost: one pass to collect the numbers and emails into a hash map, one union-find pass over them, one pass to
 * group; besides one sort of the contacts, linear in contacts and numbers. When every contact has the same source,
 * nothing can merge and the contacts are returned as they are without reading a number.
 */
public final class ContactMerger {
    private final SourcePriority priority;
    private final UnaryOperator<String> e164;

    /**
     * @param e164 a number as written → its E.164 form in the site's region, or "" when it has none; called once
     *             or more per number, so pass a memoising function when that matters
     */
    public ContactMerger(SourcePriority priority, UnaryOperator<String> e164) {
        this.priority = Objects.requireNonNull(priority, "priority");
        this.e164 = Objects.requireNonNull(e164, "e164");
    }

    /** One entry per person, in no particular order; every contact is a member of exactly one. */
    public List<MergedContact> merge(List<Contact> contacts) {
        if (singleSource(contacts)) {
            List<MergedContact> alone = new ArrayList<>(contacts.size());
            for (Contact c : contacts) {
                alone.add(new MergedContact(c, List.of(c)));
            }
            return alone;
        }
        Contact[] sorted = contacts.toArray(new Contact[0]);
        Arrays.sort(sorted, priority.winnerOrder());
        int n = sorted.length;
        int[] sourceOf = sourceIndexes(sorted);
        String[][] keys = new String[n][];
        Map<String, Holders> holders = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            keys[i] = keys(sorted[i]);
            for (String k : keys[i]) {
                holders.computeIfAbsent(k, x -> new Holders()).add(i);
            }
        }
        Groups groups = new Groups(sourceOf);
        for (int i = 0; i < n; i++) {
            for (String k : keys[i]) {
                int anchor = holders.get(k).anchor(i, sourceOf);
                if (anchor >= 0) {
                    groups.union(anchor, i);
                }
            }
        }
        return groups.collect(sorted, e164);
    }

    private static boolean singleSource(List<Contact> contacts) {
        String first = null;
        for (Contact c : contacts) {
            if (first == null) {
                first = c.source();
            } else if (!first.equals(c.source())) {
                return false;
            }
        }
        return true;
    }

    private static int[] sourceIndexes(Contact[] sorted) {
        Map<String, Integer> index = new HashMap<>();
        int[] sourceOf = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            sourceOf[i] = index.computeIfAbsent(sorted[i].source(), s -> index.size());
        }
        return sourceOf;
    }

    /** The E.164 numbers and normalised emails a contact can be linked by (E.164 starts with "+", emails hold "@"). */
    private String[] keys(Contact c) {
        Set<String> keys = new LinkedHashSet<>();
        for (PhoneNumber p : c.phones()) {
            String e = e164.apply(p.number());
            if (!e.isEmpty()) {
                keys.add(e);
            }
        }
        for (String email : c.emails()) {
            String e = MergedContact.emailKey(email);
            if (e.indexOf('@') > 0) {
                keys.add(e);
            }
        }
        return keys.toArray(new String[0]);
    }

    /** The contacts (positions in winner order, ascending) that have one number or email. */
    private static final class Holders {
        private int[] contacts = new int[1];
        private int size;
        private int anchor = -2; // -2: not worked out yet; -1: links nobody

        void add(int contact) {
            if (size == contacts.length) {
                contacts = Arrays.copyOf(contacts, size * 2);
            }
            contacts[size++] = contact;
        }

        /**
         * The holder {@code contact} is linked to through this key, or -1: the first holder whose source holds the
         * key only once, provided {@code contact}'s source holds it only once too.
         */
        int anchor(int contact, int[] sourceOf) {
            if (size < 2) {
                return -1;
            }
            if (anchor == -2) {
                anchor = -1;
                for (int i = 0; i < size && anchor < 0; i++) {
                    if (!sharedWithinSource(contacts[i], sourceOf)) {
                        anchor = contacts[i];
                    }
                }
            }
            return anchor < 0 || anchor == contact || sharedWithinSource(contact, sourceOf) ? -1 : anchor;
        }

        private boolean sharedWithinSource(int contact, int[] sourceOf) {
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (sourceOf[contacts[i]] == sourceOf[contact]) {
                    count++;
                }
            }
            return count > 1;
        }
    }

    /** Union-find over contact positions that refuses to join two groups holding contacts of one source. */
    private static final class Groups {
        private final int[] parent;
        private final int[] sourceOf;
        private final Map<Integer, BitSet> sources = new HashMap<>(); // roots of groups of two or more

        Groups(int[] sourceOf) {
            this.sourceOf = sourceOf;
            this.parent = new int[sourceOf.length];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
        }

        int find(int i) {
            int root = i;
            while (parent[root] != root) {
                root = parent[root];
            }
            while (parent[i] != root) { // path compression
                int next = parent[i];
                parent[i] = root;
                i = next;
            }
            return root;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return;
            }
            BitSet sa = sourcesOf(ra);
            BitSet sb = sourcesOf(rb);
            if (sa.intersects(sb)) {
                return;
            }
            int root = Math.min(ra, rb); // the winner's position stays the root
            int other = root == ra ? rb : ra;
            sa.or(sb);
            parent[other] = root;
            sources.remove(other);
            sources.put(root, sa);
        }

        private BitSet sourcesOf(int root) {
            BitSet s = sources.get(root);
            if (s == null) {
                s = new BitSet();
                s.set(sourceOf[root]);
            }
            return s;
        }

        List<MergedContact> collect(Contact[] sorted, UnaryOperator<String> e164) {
            Map<Integer, List<Contact>> byRoot = new HashMap<>();
            List<MergedContact> result = new ArrayList<>(sorted.length);
            for (int i = 0; i < sorted.length; i++) {
                int root = find(i);
                if (root == i && !sources.containsKey(i)) {
                    result.add(new MergedContact(sorted[i], List.of(sorted[i])));
                } else {
                    byRoot.computeIfAbsent(root, r -> new ArrayList<>(2)).add(sorted[i]);
                }
            }
            // Roots are the lowest positions, and positions are visited in order: each list is in winner order.
            byRoot.values().forEach(members -> result.add(MergedContact.of(members, e164)));
            return result;
        }
    }
}
