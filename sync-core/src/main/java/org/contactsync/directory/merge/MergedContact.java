package org.contactsync.directory.merge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;

/**
 * Contacts of different sources that are one person, and the one entry the directory lists for them.
 *
 * @param entry   what the directory shows: the winner's id, source, names and organisation, every member's
 *                numbers (the winner's first, as it has them; then the others' not yet listed, by E.164, without
 *                their "preferred" mark so the winner's preferred number stays first), emails and labels united
 * @param members every contact that went into it, the winner first, then in {@link SourcePriority#winnerOrder()}
 */
public record MergedContact(Contact entry, List<Contact> members) {
    public MergedContact {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a merged contact needs at least one member");
        }
    }

    /**
     * The entry for these members, already in winner order.
     *
     * @param e164 a number as written → its E.164 form, or "" when it has none (extensions, unreadable text)
     */
    static MergedContact of(List<Contact> members, UnaryOperator<String> e164) {
        Contact winner = members.get(0);
        if (members.size() == 1) {
            return new MergedContact(winner, members);
        }
        List<PhoneNumber> phones = new ArrayList<>(winner.phones());
        Set<String> seenNumbers = new HashSet<>();
        for (PhoneNumber p : winner.phones()) {
            seenNumbers.add(numberKey(p, e164));
        }
        Set<String> emails = new LinkedHashSet<>();
        Set<String> seenEmails = new HashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Contact m : members) {
            if (m != winner) {
                for (PhoneNumber p : m.phones()) {
                    if (seenNumbers.add(numberKey(p, e164))) {
                        phones.add(new PhoneNumber(p.number(), p.type(), null, false));
                    }
                }
            }
            for (String e : m.emails()) {
                String key = emailKey(e);
                if (!key.isEmpty() && seenEmails.add(key)) {
                    emails.add(e.strip());
                }
            }
            groups.addAll(m.groups());
        }
        Contact entry = Contact.builder(winner.sourceId()).id(winner.id()).source(winner.source())
                .displayName(winner.displayName()).givenName(winner.givenName()).familyName(winner.familyName())
                .organization(winner.organization()).phones(phones).emails(List.copyOf(emails))
                .groups(List.copyOf(groups)).etag(winner.etag()).updatedAt(winner.updatedAt()).build();
        return new MergedContact(entry, members);
    }

    /** Whether more than one contact went into the entry. */
    public boolean merged() {
        return members.size() > 1;
    }

    /** The contact whose name and organisation the entry shows. */
    public Contact winner() {
        return members.get(0);
    }

    /** Source, source id and store id of every member, the winner first. */
    public List<Origin> origins() {
        return members.stream().map(Origin::of).toList();
    }

    /** An email as merging compares it: trimmed, lower case; "" when blank. */
    static String emailKey(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /** A number as uniting compares it: its E.164 form, else (extensions, unreadable text) its digits. */
    private static String numberKey(PhoneNumber p, UnaryOperator<String> e164) {
        String e = e164.apply(p.number());
        return e.isEmpty() ? "#" + p.digits() : e;
    }
}
