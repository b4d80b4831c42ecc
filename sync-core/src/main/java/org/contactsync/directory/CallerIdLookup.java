package org.contactsync.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.contactsync.contact.PhoneNumbers;

/**
 * Finds the contact a PBX asks about by the caller's number, written in any form: E.164 ("+49 30 1234567"),
 * international with the access code ("0049301234567"), national ("030 1234567"), without any prefix
 * ("49301234567", "301234567"), with the site's outside-line prefix in front ("0 030 1234567"), or an internal
 * extension exactly. Every form is normalised to E.164 with the site's region and looked up in the snapshot's
 * index: no scan.
 */
public final class CallerIdLookup {
    /** Longer input is not a phone number; refused before any parsing. */
    public static final int MAX_LENGTH = 40;

    private final DialRules rules;

    public CallerIdLookup(DialRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The contact with that number, if any; empty for blank or overlong input. */
    public Optional<DirectoryContact> find(DirectorySnapshot snapshot, String number) {
        if (number == null || number.isBlank() || number.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String dial = PhoneNumbers.dialString(number.strip());
        String digits = PhoneNumbers.digits(dial);
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        List<String> forms = new ArrayList<>(4);
        forms.add(dial);
        String stripped = dial.startsWith("+") ? null : rules.withoutOutsideLinePrefix(digits);
        if (stripped != null) {
            forms.add(stripped);
        }
        for (String form : forms) {
            Optional<DirectoryContact> hit = snapshot.byExtension(PhoneNumbers.digits(form));
            if (hit.isPresent()) {
                return hit;
            }
            hit = byE164(snapshot, PhoneNumbers.e164(form, rules.region()));
            if (hit.isEmpty() && !form.startsWith("+")) {
                hit = byE164(snapshot, PhoneNumbers.e164("+" + form, rules.region())); // country code, no "+"
            }
            if (hit.isPresent()) {
                return hit;
            }
        }
        return Optional.empty();
    }

    private static Optional<DirectoryContact> byE164(DirectorySnapshot snapshot, String e164) {
        return e164.isEmpty() ? Optional.empty() : snapshot.byE164(e164);
    }
}
