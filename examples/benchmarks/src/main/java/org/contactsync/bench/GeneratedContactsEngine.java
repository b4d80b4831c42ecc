package org.contactsync.bench;

import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneType;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncEngine;

/**
 * {@code count} made-up contacts, the same on every run: a mix of given and family names (some non-Latin and some
 * with symbols, so every keypad group has members), one to three numbers each, a few without a number.
 */
final class GeneratedContactsEngine implements SyncEngine {
    private static final String[] GIVEN = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken",
            "Frances", "Edsger", "Radia", "Donald", "Hedy", "Tim", "Katherine", "John", "Annie", "Niklaus", "Jean",
            "Bjarne", "Sophie", "Guido", "Mary", "James", "Karen", "Brian", "Lynn", "Claude", "Joan", "Ivan",
            "Øystein", "Łucja", "李", "Zoë", "Quentin", "Xavier", "Yara", "Uma", "Victor", "Wanda"};
    private static final String[] FAMILY = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie",
            "Liskov", "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Lamarr", "Berners-Lee", "Johnson",
            "McCarthy", "Easley", "Wirth", "Bartik", "Stroustrup", "Wilson", "van Rossum", "Keller", "Gosling",
            "Kernighan", "Conway", "Shannon", "Clarke", "Sutherland", "Müller", "O'Neil", "Østergård"};
    private static final PhoneType[] TYPES = PhoneType.values();

    private final int count;

    GeneratedContactsEngine(int count) {
        this.count = count;
    }

    @Override
    public String name() {
        return "generated";
    }

    @Override
    public void sync(SyncContext context) {
        for (int i = 0; i < count; i++) {
            if (i % 1000 == 0) {
                context.checkCancelled();
                context.progress((int) (100L * i / count), "Generating contact " + i + " of " + count);
            }
            context.upsert(contact(i));
        }
    }

    static Contact contact(int i) {
        String given = GIVEN[i % GIVEN.length];
        String family = FAMILY[(i / GIVEN.length) % FAMILY.length];
        Contact.Builder b = Contact.builder("gen/" + i)
                .givenName(given)
                .familyName(family)
                .displayName(given + " " + family + (i >= GIVEN.length * FAMILY.length ? " " + i : ""))
                .organization(i % 3 == 0 ? "Example Corp" : null)
                .email("person" + i + "@example.com");
        if (i % 50 != 7) {
            int phones = 1 + i % 3;
            for (int p = 0; p < phones; p++) {
                b.phone(String.format("+1 (555) %03d-%04d", (i / 10_000 + p) % 1000, i % 10_000),
                        TYPES[(i + p) % TYPES.length]);
            }
        }
        return b.build();
    }
}
