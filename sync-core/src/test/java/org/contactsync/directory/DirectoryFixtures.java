package org.contactsync.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.contactsync.contact.Contact;
import org.contactsync.contact.InMemoryContactStore;
import org.contactsync.contact.PhoneType;

/** Generates address books for the directory tests and benchmark. Shared with the sync-jaxrs tests. */
public final class DirectoryFixtures {
    private static final String[] GIVEN = {"Anna", "Ömer", "Łukasz", "Zoë", "Bob", "Chloé", "David", "Émile",
        "Fatima", "Grace", "Hiro", "Ivan", "Jürgen", "Kai", "Lena", "Marta", "Nils", "Olga", "Pablo", "Quinn",
        "Rosa", "Søren", "Tariq", "Ulla", "Vera", "Wei", "Xavier", "Yusuf", "李", "Жанна", "Σοφία", "Ngozi"};
    private static final String[] FAMILY = {"Smith", "Öztürk", "Nowak", "García", "Müller", "Dubois", "Kowalski",
        "O'Brien", "Nguyen", "Tanaka", "Schmidt", "Rossi", "van der Berg", "Ibrahim", "Johansson", "Papadopoulos",
        "Wang", "Новикова", "Keller", "Lefèvre"};

    private DirectoryFixtures() {
    }

    /**
     * {@code count} contacts with varied names (several scripts), 1–3 numbers each in mixed formats; every tenth
     * has no number at all. Deterministic for a seed.
     */
    public static List<Contact> contacts(int count, long seed) {
        Random r = new Random(seed);
        List<Contact> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String given = GIVEN[r.nextInt(GIVEN.length)];
            String family = FAMILY[r.nextInt(FAMILY.length)];
            Contact.Builder b = Contact.builder("people/c" + i).displayName(given + " " + family + " " + i)
                    .givenName(given).familyName(family);
            if (i % 10 != 9) {
                int phones = 1 + r.nextInt(3);
                for (int p = 0; p < phones; p++) {
                    String number = switch (p) {
                        case 0 -> String.format("+1 (555) %03d-%04d", i / 10000, i % 10000);
                        case 1 -> String.format("0049 30 %07d", i);
                        default -> String.format("555.%03d.%04d", 100 + p, i % 10000);
                    };
                    b.phone(number, PhoneType.values()[r.nextInt(PhoneType.values().length)]);
                }
            }
            list.add(b.build());
        }
        return list;
    }

    /** A store holding {@link #contacts}. */
    public static InMemoryContactStore store(int count, long seed) {
        InMemoryContactStore store = new InMemoryContactStore();
        store.write(contacts(count, seed), List.of());
        return store;
    }
}
