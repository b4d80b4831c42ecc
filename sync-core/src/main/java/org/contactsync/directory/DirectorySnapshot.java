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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.contactsync.contact.Contact;
import org.contactsync.contact.ContactQuery;
import org.contactsync.contact.ContactStore;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneNumbers;
import org.contactsync.contact.SearchText;

/**
 * An immutable copy of what the phone directory lists, built once from a {@link ContactStore} and then read by
 * any number of requests without locks or database access.
 *
 * <p>Contacts with no dialable number are left out. The rest are sorted as every store lists them
 * ({@link InMemoryContactStore#BY_NAME}) and split into {@link KeypadGroup}s.
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

    private DirectorySnapshot(long version, String fingerprint, Instant lastModified, List<DirectoryContact> all,
                              Map<KeypadGroup, List<DirectoryContact>> groups, Map<Long, DirectoryContact> byId) {
        this.version = version;
        this.fingerprint = fingerprint;
        this.lastModified = lastModified;
        this.all = all;
        this.groups = groups;
        this.byId = byId;
    }

    /**
     * Reads the whole store once. The version is read first, so a write that lands while reading makes the next
     * version check rebuild again rather than be missed.
     */
    public static DirectorySnapshot build(ContactStore store, Instant now) {
        long version = store.version();
        List<Contact> contacts = new ArrayList<>();
        store.forEach(c -> {
            if (c.hasPhone()) {
                contacts.add(c);
            }
        });
        return of(version, contacts, now);
    }

    /** A snapshot of the given contacts (any order; those without a dialable number are skipped). */
    public static DirectorySnapshot of(long version, List<Contact> contacts, Instant lastModified) {
        // Fold each name once and sort on that: the same order as InMemoryContactStore.BY_NAME, which would
        // fold both names on every comparison.
        List<Folded> sorted = new ArrayList<>(contacts.size());
        for (Contact c : contacts) {
            sorted.add(new Folded(c, SearchText.fold(c.displayName())));
        }
        sorted.sort(Comparator.comparing(Folded::name).thenComparingLong(f -> f.contact().id()));
        MessageDigest digest = sha256();
        Map<KeypadGroup, List<DirectoryContact>> groups = new EnumMap<>(KeypadGroup.class);
        for (KeypadGroup g : KeypadGroup.values()) {
            groups.put(g, new ArrayList<>());
        }
        List<DirectoryContact> all = new ArrayList<>(sorted.size());
        Map<Long, DirectoryContact> byId = new HashMap<>(sorted.size() * 2);
        for (Folded f : sorted) {
            Contact c = f.contact();
            List<PhoneNumber> phones = dialable(c.phones());
            if (phones.isEmpty()) {
                continue;
            }
            KeypadGroup group = KeypadGroup.ofFolded(f.name());
            List<DirectoryContact> members = groups.get(group);
            DirectoryContact dc = new DirectoryContact(c.id(), c.displayName(), f.name(),
                    SearchText.fold(c.organization()), phones, group, members.size());
            members.add(dc);
            all.add(dc);
            byId.put(dc.id(), dc);
            update(digest, dc, c.organization());
        }
        groups.replaceAll((g, list) -> Collections.unmodifiableList(list));
        String fingerprint = HexFormat.of().formatHex(digest.digest(), 0, 12);
        return new DirectorySnapshot(version, fingerprint, lastModified, Collections.unmodifiableList(all),
                Collections.unmodifiableMap(groups), byId);
    }

    private record Folded(Contact contact, String name) {
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

    private static void update(MessageDigest digest, DirectoryContact dc, String organization) {
        StringBuilder sb = new StringBuilder(96);
        sb.append(dc.id()).append('\u0001').append(dc.name()).append('\u0001').append(organization);
        for (PhoneNumber p : dc.phones()) {
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
        return new DirectorySnapshot(version, fingerprint, newLastModified, all, groups, byId);
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

    /** A listed contact (one with a dialable number). */
    public Optional<DirectoryContact> contact(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /**
     * The contacts matching a search, in display order, with the same meaning as {@link ContactQuery#matches}:
     * a phone-like text (no letters, at least three digits) matches numbers in any format; otherwise the folded
     * name or organisation starts with the folded text or has a word starting with it. Blank matches nothing
     * (the phone asks again).
     */
    public List<DirectoryContact> search(String text) {
        ContactQuery query = new ContactQuery(text, 1, 0);
        if (query.text().isEmpty()) {
            return List.of();
        }
        String digits = query.phoneDigits();
        String folded = query.foldedText();
        String[] wordStarts = {" " + folded, "-" + folded};
        List<DirectoryContact> result = new ArrayList<>();
        for (DirectoryContact c : all) {
            if (digits.isEmpty() ? nameMatches(c, folded, wordStarts) : numberMatches(c, digits)) {
                result.add(c);
            }
        }
        return result;
    }

    private static boolean numberMatches(DirectoryContact c, String digits) {
        for (PhoneNumber p : c.phones()) {
            if (PhoneNumbers.matches(p.digits(), digits)) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(DirectoryContact c, String folded, String[] wordStarts) {
        return wordStartMatch(c.foldedName(), folded, wordStarts)
                || wordStartMatch(c.foldedOrganization(), folded, wordStarts);
    }

    private static boolean wordStartMatch(String name, String query, String[] wordStarts) {
        return !name.isEmpty()
                && (name.startsWith(query) || name.contains(wordStarts[0]) || name.contains(wordStarts[1]));
    }
}
