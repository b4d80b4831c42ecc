package org.contactsync.google;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.api.services.people.v1.model.ContactGroupMembership;
import com.google.api.services.people.v1.model.EmailAddress;
import com.google.api.services.people.v1.model.FieldMetadata;
import com.google.api.services.people.v1.model.Membership;
import com.google.api.services.people.v1.model.Name;
import com.google.api.services.people.v1.model.Organization;
import com.google.api.services.people.v1.model.Person;
import com.google.api.services.people.v1.model.PersonMetadata;
import com.google.api.services.people.v1.model.Source;
import org.contactsync.contact.Contact;
import org.contactsync.contact.PhoneNumber;
import org.contactsync.contact.PhoneType;

/** Turns a People API {@link Person} into a {@link Contact}; pure, so it is cheap to test and to run 100k times. */
final class PersonMapper {
    /** The system group every contact is in; listing it as a group would only add noise. */
    static final String MY_CONTACTS = "contactGroups/myContacts";
    /** Starred contacts: kept as group "starred" (the phone directory's favourite marker) in every language. */
    static final String STARRED = "contactGroups/starred";

    private PersonMapper() {
    }

    static boolean isDeleted(Person p) {
        PersonMetadata m = p.getMetadata();
        return m != null && Boolean.TRUE.equals(m.getDeleted());
    }

    /** The resource names of the contact groups the person is in. */
    static List<String> groupResourceNames(Person p) {
        List<String> out = new ArrayList<>();
        if (p.getMemberships() == null) {
            return out;
        }
        for (Membership m : p.getMemberships()) {
            ContactGroupMembership g = m.getContactGroupMembership();
            if (g == null) {
                continue;
            }
            String rn = g.getContactGroupResourceName();
            if (rn == null && g.getContactGroupId() != null) {
                rn = "contactGroups/" + g.getContactGroupId();
            }
            if (rn != null) {
                out.add(rn);
            }
        }
        return out;
    }

    static Contact toContact(Person p, Map<String, String> groupNames) {
        Contact.Builder b = Contact.builder(p.getResourceName()).etag(p.getEtag()).updatedAt(updatedAt(p));
        Name name = primary(p.getNames(), Name::getMetadata);
        if (name != null) {
            b.displayName(name.getDisplayName()).givenName(name.getGivenName()).familyName(name.getFamilyName());
        }
        Organization org = primary(p.getOrganizations(), Organization::getMetadata);
        if (org != null) {
            b.organization(org.getName());
        }
        if (p.getPhoneNumbers() != null) {
            for (com.google.api.services.people.v1.model.PhoneNumber ph : p.getPhoneNumbers()) {
                String value = ph.getValue() != null ? ph.getValue() : ph.getCanonicalForm();
                if (value == null || value.isBlank()) {
                    continue;
                }
                PhoneType type = PhoneType.fromLabel(ph.getType() != null ? ph.getType() : ph.getFormattedType());
                b.phone(new PhoneNumber(value.strip(), type, null, isPrimary(ph.getMetadata())));
            }
        }
        if (p.getEmailAddresses() != null) {
            for (EmailAddress e : p.getEmailAddresses()) {
                if (e.getValue() != null && !e.getValue().isBlank()) {
                    b.email(e.getValue().strip());
                }
            }
        }
        for (String rn : groupResourceNames(p)) {
            if (!MY_CONTACTS.equals(rn)) {
                b.group(STARRED.equals(rn) ? "starred"
                        : groupNames.getOrDefault(rn, rn.substring(rn.indexOf('/') + 1)));
            }
        }
        return b.build();
    }

    private static <T> T primary(List<T> items, Function<T, FieldMetadata> meta) {
        if (items == null || items.isEmpty()) {
            return null;
        }
        for (T t : items) {
            if (isPrimary(meta.apply(t))) {
                return t;
            }
        }
        return items.get(0);
    }

    private static boolean isPrimary(FieldMetadata m) {
        return m != null && Boolean.TRUE.equals(m.getPrimary());
    }

    private static Instant updatedAt(Person p) {
        PersonMetadata m = p.getMetadata();
        if (m == null || m.getSources() == null) {
            return null;
        }
        Instant latest = null;
        for (Source s : m.getSources()) {
            if (s.getUpdateTime() == null) {
                continue;
            }
            try {
                Instant t = Instant.parse(s.getUpdateTime());
                if (latest == null || t.isAfter(latest)) {
                    latest = t;
                }
            } catch (DateTimeParseException e) {
                // An odd timestamp only costs us the "updated at" shown; the contact itself is fine.
            }
        }
        return latest;
    }
}
