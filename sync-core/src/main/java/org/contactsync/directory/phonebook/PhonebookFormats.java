package org.contactsync.directory.phonebook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The downloadable phonebook formats by vendor path segment. */
public final class PhonebookFormats {
    private final Map<String, PhonebookFormat> byVendor = new LinkedHashMap<>();

    public PhonebookFormats(List<PhonebookFormat> formats) {
        for (PhonebookFormat f : formats) {
            if (byVendor.put(f.vendor(), f) != null) {
                throw new IllegalArgumentException("two phonebook formats for vendor " + f.vendor());
            }
        }
    }

    /** Yealink, Grandstream, Snom, Polycom, Fanvil. */
    public static PhonebookFormats standard() {
        return new PhonebookFormats(List.of(new YealinkPhonebook(), new GrandstreamPhonebook(), new SnomPhonebook(),
                new PolycomDirectory(), new FanvilPhonebook()));
    }

    public Optional<PhonebookFormat> vendor(String vendor) {
        return Optional.ofNullable(vendor == null ? null : byVendor.get(vendor));
    }

    public List<PhonebookFormat> all() {
        return List.copyOf(byVendor.values());
    }
}
