package org.contactsync.jaxrs.contact;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.contactsync.Page;
import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;

/** The JSON shapes of {@code /api/contacts} (snake_case fields). The source's etag stays internal. */
public final class ContactJson {
    private ContactJson() {
    }

    public record Phone(String number, String type, String digits, boolean primary) {
        static Phone of(PhoneNumber p) {
            return new Phone(p.number(), p.type().name().toLowerCase(Locale.ROOT), p.digits(), p.primary());
        }
    }

    public record Item(long id, String sourceId, String displayName, String givenName, String familyName,
                       String organization, List<Phone> phones, List<String> emails, List<String> groups,
                       Instant updatedAt, String source) {
        static Item of(Contact c) {
            return new Item(c.id(), c.sourceId(), c.displayName(), c.givenName(), c.familyName(), c.organization(),
                    phonesOf(c), c.emails(), c.groups(), c.updatedAt(), c.source());
        }
    }

    static List<Phone> phonesOf(Contact c) {
        return c.phones().stream().map(Phone::of).toList();
    }

    public record Results(List<Item> contacts, long total, int limit, int offset, String q) {
        static Results of(Page<Contact> page, String q) {
            return new Results(page.items().stream().map(Item::of).toList(), page.total(), page.limit(),
                    page.offset(), q);
        }
    }
}
