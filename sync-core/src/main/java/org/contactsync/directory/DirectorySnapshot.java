package org.contactsync.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneNumbers;
import org.contactsync.contact.SearchText;
import org.contactsync.directory.merge.ContactMerger;
import org.contactsync.directory.merge.MergedContact;
import org.contactsync.directory.merge.SourcePriority;

/**
 * An immutable copy of what the phone directory lists, built once from a {@link ContactStore} and then read by
 * any number of requests without locks or database access: the one phone-facing model every vendor's renderer
 * reads.
 *
 * <p>Contacts with no dialable number are left out. The rest are sorted as every store lists them
 * ({@link InMemoryContactStore#BY_NAME}) and split into {@link KeypadGroup}s; favourites and labels are listed
 * separately; numbers are read as E.164 in the site's region; twins (equal names) get a hint that tells them
 * apart; a {@link SearchIndex} answers searches and caller-ID look-ups.
 *
 * <p>With several sources, contacts of different sources that share a number or email are one entry
 * ({@link ContactMerger}: the winner's id and name, numbers united); every member's id finds that entry, and
 * {@link #merges()} says what was merged. With one source nothing is merged.
 */
public final class DirectorySnapshot {
    private static final Comparator<PhoneNumber> PHONE_ORDER = Comparator
            .comparing((PhoneNumber p) -> !p.primary())
            .thenComparing(PhoneNumber::type);

    private final long version;
    private final String fingerprint;
    private final Instant lastModified;
    private final List<DirectoryContact> all;
    private final Map<KeypadGroup, List<DirectoryContact>> groups;
    private final Map<Long, DirectoryContact> byId;
    private final List<DirectoryContact> favourites;
    private final Map<String, List<DirectoryContact>> labels;
    private final SearchIndex index;
    private final List<MergedContact> merges;
    private final Map<Long, MergedContact> mergeById;

    private DirectorySnapshot(long version, String fingerprint, Instant lastModified, List<DirectoryContact> all,
                              Map<KeypadGroup, List<DirectoryContact>> groups, Map<Long, DirectoryContact> byId,
                              List<DirectoryContact> favourites, Map<String, List<DirectoryContact>> labels,
                              SearchIndex index, List<MergedContact> merges, Map<Long, MergedContact> mergeById) {
        this.version = version;
        this.fingerprint = fingerprint;
        this.lastModified = lastModified;
        this.all = all;
        this.groups = groups;
        this.byId = byId;
        this.favourites = favourites;
        this.labels = labels;
        this.index = index;
        this.merges = merges;
        this.mergeById = mergeById;
    }

    /**
     * What a snapshot is built with: the site's phone region, which labels become groups, and which source wins
     * when contacts of several sources are merged (the configured order of the sources, first = highest).
     */
    public record Options(String region, LabelFilter labels, SourcePriority sources) {
        public Options {
            region = region == null ? "" : region.strip();
            labels = Objects.requireNonNullElse(labels, LabelFilter.ALL);
            sources = Objects.requireNonNullElseGet(sources, SourcePriority::none);
        }

        /** Region and labels; no source order (the most recently updated contact wins a merge). */
        public Options(String region, LabelFilter labels) {
            this(region, labels, null);
        }

        /** No region (only "+" numbers are read as E.164), every label. */
        public static Options defaults() {
            return new Options("", LabelFilter.ALL);
        }

        /** The same options with the sources' priority order, highest first. */
        public Options withSources(List<String> priorityOrder) {
            return new Options(region, labels, new SourcePriority(priorityOrder));
        }
    }

    /**
     * Reads the whole store once. The version is read first, so a write that lands while reading makes the next
     * version check rebuild again rather than be missed.
     */
    public static DirectorySnapshot build(ContactStore store, Instant now) {
        return build(store, now, Options.defaults());
    }

    public static DirectorySnapshot build(ContactStore store, Instant now, Options options) {
        long version = store.version();
        List<Contact> contacts = new ArrayList<>();
        List<Contact> emailOnly = new ArrayList<>(); // can link two sources' contacts, so kept when there are two
        Set<String> sources = new HashSet<>();
        store.forEach(c -> {
            if (c.hasPhone()) {
                contacts.add(c);
                sources.add(c.source());
            } else if (!c.emails().isEmpty()) {
                emailOnly.add(c);
                sources.add(c.source());
            }
        });
        if (sources.size() > 1) {
            contacts.addAll(emailOnly);
        }
        return of(version, contacts, now, options);
    }

    /** A snapshot of the given contacts (any order; those without a dialable number are skipped). */
    public static DirectorySnapshot of(long version, List<Contact> contacts, Instant lastModified) {
        return of(version, contacts, lastModified, Options.defaults());
    }

    public static DirectorySnapshot of(long version, List<Contact> contacts, Instant lastModified,
                                       Options options) {
        Map<String, String> e164s = new HashMap<>(contacts.size() * 2);
        UnaryOperator<String> e164 = n -> e164s.computeIfAbsent(n, k -> PhoneNumbers.e164(k, options.region()));
        List<MergedContact> people = new ContactMerger(options.sources(), e164).merge(contacts);
        // Fold each name once and sort on that: the same order as InMemoryContactStore.BY_NAME, which would
        // fold both names on every comparison.
        List<Folded> sorted = new ArrayList<>(people.size());
        List<MergedContact> merged = new ArrayList<>();
        for (MergedContact m : people) {
            Contact c = m.entry();
            if (m.merged()) {
                merged.add(m);
            }
            List<PhoneNumber> phones = dialable(c.phones());
            if (!phones.isEmpty()) {
                sorted.add(new Folded(c, SearchText.fold(c.displayName()), phones));
            }
        }
        sorted.sort(Comparator.comparing(Folded::name).thenComparingLong(f -> f.contact().id()));
        Map<Integer, String> twinHints = twinHints(sorted);
        MessageDigest digest = sha256();
        Map<KeypadGroup, List<DirectoryContact>> groups = new EnumMap<>(KeypadGroup.class);
        for (KeypadGroup g : KeypadGroup.values()) {
            groups.put(g, new ArrayList<>());
        }
        List<DirectoryContact> all = new ArrayList<>(sorted.size());
        Map<Long, DirectoryContact> byId = new HashMap<>(sorted.size() * 2);
        List<DirectoryContact> favourites = new ArrayList<>();
        Map<String, List<DirectoryContact>> labels = new TreeMap<>(
                Comparator.comparing(SearchText::fold).thenComparing(Comparator.naturalOrder()));
        for (int i = 0; i < sorted.size(); i++) {
            Folded f = sorted.get(i);
            Contact c = f.contact();
            KeypadGroup group = KeypadGroup.ofFolded(f.name());
            List<DirectoryContact> members = groups.get(group);
            boolean favourite = false;
            Set<String> shownLabels = new LinkedHashSet<>();
            for (String g : c.groups()) {
                if (Favourites.isMarker(g)) {
                    favourite = true;
                } else if (g != null && !g.isBlank() && options.labels().shows(g)) {
                    shownLabels.add(g.strip());
                }
            }
            DirectoryContact dc = new DirectoryContact(c.id(), c.displayName(), f.name(),
                    SearchText.fold(c.organization()), numbers(f.phones(), e164), group, members.size(),
                    c.givenName(), c.familyName(), c.organization(), favourite, List.copyOf(shownLabels),
                    twinHints.get(i));
            members.add(dc);
            all.add(dc);
            byId.put(dc.id(), dc);
            if (favourite) {
                favourites.add(dc);
            }
            for (String l : shownLabels) {
                labels.computeIfAbsent(l, k -> new ArrayList<>()).add(dc);
            }
            update(digest, dc);
        }
        digest.update(options.region().getBytes(StandardCharsets.UTF_8));
        Map<Long, MergedContact> mergeById = new HashMap<>();
        for (MergedContact m : merged) {
            DirectoryContact dc = byId.get(m.entry().id());
            for (Contact member : m.members()) {
                mergeById.put(member.id(), m);
                if (dc != null) {
                    byId.putIfAbsent(member.id(), dc); // a member's old link finds the entry it is part of
                }
            }
        }
        merged.sort(Comparator.comparing((MergedContact m) -> SearchText.fold(m.entry().displayName()))
                .thenComparingLong(m -> m.entry().id()));
        groups.replaceAll((g, list) -> Collections.unmodifiableList(list));
        Map<String, List<DirectoryContact>> labelMap = new LinkedHashMap<>();
        labels.forEach((k, v) -> labelMap.put(k, Collections.unmodifiableList(v)));
        String fingerprint = HexFormat.of().formatHex(digest.digest(), 0, 12);
        List<DirectoryContact> allView = Collections.unmodifiableList(all);
        return new DirectorySnapshot(version, fingerprint, lastModified, allView,
                Collections.unmodifiableMap(groups), byId, Collections.unmodifiableList(favourites),
                Collections.unmodifiableMap(labelMap), new SearchIndex(allView, new Transliteration()),
                List.copyOf(merged), mergeById);
    }

    private record Folded(Contact contact, String name, List<PhoneNumber> phones) {
    }

    private static List<DirectoryNumber> numbers(List<PhoneNumber> phones, UnaryOperator<String> e164) {
        List<DirectoryNumber> result = new ArrayList<>(phones.size());
        for (PhoneNumber p : phones) {
            result.add(new DirectoryNumber(p.number(), p.type(), p.primary(), p.digits(), e164.apply(p.number())));
        }
        return result;
    }

    /**
     * For each run of contacts with the same folded name, what tells them apart: the organisation when theirs
     * differ, else (or when that is not enough) the first number's type and last digits, else a running number.
     */
    private static Map<Integer, String> twinHints(List<Folded> sorted) {
        Map<Integer, String> hints = new HashMap<>();
        int start = 0;
        while (start < sorted.size()) {
            int end = start + 1;
            while (end < sorted.size() && sorted.get(end).name().equals(sorted.get(start).name())) {
                end++;
            }
            if (end - start > 1) {
                hintRun(sorted, start, end, hints);
            }
            start = end;
        }
        return hints;
    }

    private static void hintRun(List<Folded> sorted, int start, int end, Map<Integer, String> hints) {
        Set<String> orgs = new LinkedHashSet<>();
        for (int i = start; i < end; i++) {
            orgs.add(Objects.toString(sorted.get(i).contact().organization(), ""));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = start; i < end; i++) {
            String org = Objects.toString(sorted.get(i).contact().organization(), "");
            String hint = orgs.size() > 1 ? org : "";
            hints.put(i, hint);
            seen.merge(hint, 1, Integer::sum);
        }
        Map<String, Integer> second = new HashMap<>();
        for (int i = start; i < end; i++) {
            String hint = hints.get(i);
            if (hint.isEmpty() || seen.get(hint) > 1) {
                PhoneNumber first = sorted.get(i).phones().get(0);
                String digits = first.digits();
                String last = digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
                hint = (hint.isEmpty() ? "" : hint + ", ") + first.type().label() + " " + last;
                hints.put(i, hint);
            }
            second.merge(hint, 1, Integer::sum);
        }
        Map<String, Integer> counter = new HashMap<>();
        for (int i = start; i < end; i++) {
            String hint = hints.get(i);
            if (second.get(hint) > 1) {
                hints.put(i, hint + " #" + counter.merge(hint, 1, Integer::sum));
            }
        }
    }

    private static List<PhoneNumber> dialable(List<PhoneNumber> phones) {
        List<PhoneNumber> result = new ArrayList<>(phones.size());
        for (PhoneNumber p : phones) {
            String dial = PhoneNumbers.dialString(p.number());
            if (!dial.isEmpty() && !dial.equals("+")) {
                result.add(p);
            }
        }
        result.sort(PHONE_ORDER); // stable: numbers of one type keep the source's order
        return result;
    }

    private static void update(MessageDigest digest, DirectoryContact dc) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(dc.id()).append('\u0001').append(dc.name()).append('\u0001').append(dc.organization())
                .append('\u0001').append(dc.givenName()).append('\u0001').append(dc.familyName())
                .append('\u0001').append(dc.favourite()).append('\u0001').append(String.join("\u0003", dc.labels()));
        for (DirectoryNumber p : dc.phones()) {
            sb.append('\u0002').append(p.number()).append('\u0003').append(p.type()).append(p.primary());
        }
        sb.append('\u0004');
        digest.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The same content with another last-modified time (kept when a rebuild found nothing changed). */
    DirectorySnapshot withLastModified(Instant newLastModified) {
        return new DirectorySnapshot(version, fingerprint, newLastModified, all, groups, byId, favourites, labels,
                index, merges, mergeById);
    }

    /** The {@link ContactStore#version()} this snapshot was read at. */
    public long version() {
        return version;
    }

    /**
     * A hash of everything the directory shows: equal content gives an equal fingerprint on every node and
     * after restarts, so it makes a good ETag.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** When the content last changed, as far as this node saw it. */
    public Instant lastModified() {
        return lastModified;
    }

    /** How many contacts are listed. */
    public int size() {
        return all.size();
    }

    /** Every listed contact, in display order. */
    public List<DirectoryContact> contacts() {
        return all;
    }

    /** The contacts of one group, in display order. */
    public List<DirectoryContact> group(KeypadGroup group) {
        return groups.get(group);
    }

    /** The favourites, in display order. */
    public List<DirectoryContact> favourites() {
        return favourites;
    }

    /** The labels shown as groups, sorted by folded name, each with its contacts in display order. */
    public Map<String, List<DirectoryContact>> labels() {
        return labels;
    }

    /**
     * The entries that were merged from contacts of several sources, each with its members (winner first), in
     * display order of the entries; empty with one source. Entries without a dialable number are here too.
     */
    public List<MergedContact> merges() {
        return merges;
    }

    /** The merged entry the contact with this store id went into, if it was merged with others. */
    public Optional<MergedContact> mergeOf(long contactId) {
        return Optional.ofNullable(mergeById.get(contactId));
    }

    /** A listed contact (one with a dialable number); a merged member's id finds the entry it went into. */
    public Optional<DirectoryContact> contact(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The contacts matching a search, in display order, with the same meaning as {@link ContactQuery#matches}
     * plus keypad digits (see {@link SearchIndex#search}). Blank matches nothing (the phone asks again).
     */
    public List<DirectoryContact> search(String text) {
        return index.search(text);
    }

    /** The contact with this E.164 number, if any (for caller-ID). */
    Optional<DirectoryContact> byE164(String e164) {
        return Optional.ofNullable(index.byE164(e164));
    }

    /** The contact with this internal extension (its digits exactly), if any. */
    Optional<DirectoryContact> byExtension(String digits) {
        return Optional.ofNullable(index.byExtension(digits));
    }
}
