package org.contactsync.contact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One contact as the local copy keeps it.
 *
 * @param id          the store's own id (0 until a store has saved the contact); stable for URLs
 * @param sourceId    the source's id for the contact (Google resource name, vCard UID); unique
 * @param displayName never blank: the source's name, else organisation, else email, else phone number
 * @param etag        the source's version tag, if it has one
 * @param updatedAt   when the source last changed it, if known
 * @param source      the name of the configured source it came from ({@link #DEFAULT_SOURCE} when only one is
 *                    configured); contacts are keyed by (source, sourceId). Set by the core, not by engines.
 */
public record Contact(
        long id,
        String sourceId,
        String displayName,
        String givenName,
        String familyName,
        String organization,
        List<PhoneNumber> phones,
        List<String> emails,
        List<String> groups,
        String etag,
        Instant updatedAt,
        String source) {

    /** Shown when a contact has no name, organisation, email or phone number at all. */
    public static final String UNNAMED = "(no name)";

    /** The name of the one source of a configuration that names none. */
    public static final String DEFAULT_SOURCE = "default";

    public Contact {
        Objects.requireNonNull(sourceId, "sourceId");
        if (sourceId.isBlank()) {
            throw new IllegalArgumentException("sourceId must not be blank");
        }
        phones = phones == null ? List.of() : List.copyOf(phones);
        emails = emails == null ? List.of() : List.copyOf(emails);
        groups = groups == null ? List.of() : List.copyOf(groups);
        source = source == null || source.isBlank() ? DEFAULT_SOURCE : source;
        givenName = blankToNull(givenName);
        familyName = blankToNull(familyName);
        organization = blankToNull(organization);
        displayName = displayNameOrFallback(displayName, givenName, familyName, organization, emails, phones);
    }

    public static Builder builder(String sourceId) {
        return new Builder(sourceId);
    }

    public Contact withId(long newId) {
        return new Contact(newId, sourceId, displayName, givenName, familyName, organization, phones, emails,
                groups, etag, updatedAt, source);
    }

    /** The same contact as it came from the named source. */
    public Contact withSource(String newSource) {
        return new Contact(id, sourceId, displayName, givenName, familyName, organization, phones, emails,
                groups, etag, updatedAt, newSource);
    }

    public boolean hasPhone() {
        return !phones.isEmpty();
    }

    /**
     * A hash of everything the source told us (not the local id), so a sync can tell "unchanged" from "updated"
     * without comparing field by field.
     */
    public String contentHash() {
        StringBuilder sb = new StringBuilder(256);
        sb.append(sourceId).append('\u0001').append(displayName).append('\u0001').append(givenName)
                .append('\u0001').append(familyName).append('\u0001').append(organization).append('\u0001');
        for (PhoneNumber p : phones) {
            sb.append(p.number()).append('\u0002').append(p.type()).append('\u0002').append(p.primary())
                    .append('\u0003');
        }
        sb.append('\u0001').append(String.join("\u0003", emails)).append('\u0001')
                .append(String.join("\u0003", groups));
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String displayNameOrFallback(String name, String given, String family, String org, List<String> emails,
                                        List<PhoneNumber> phones) {
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        String joined = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
        if (!joined.isEmpty()) {
            return joined;
        }
        if (org != null) {
            return org;
        }
        for (String e : emails) {
            if (e != null && !e.isBlank()) {
                return e.strip();
            }
        }
        for (PhoneNumber p : phones) {
            if (!p.number().isBlank()) {
                return p.number().strip();
            }
        }
        return UNNAMED;
    }

    /** Builds a contact as a source reports it; the display name falls back as documented on {@link Contact}. */
    public static final class Builder {
        private final String sourceId;
        private long id;
        private String displayName;
        private String givenName;
        private String familyName;
        private String organization;
        private final List<PhoneNumber> phones = new ArrayList<>();
        private final List<String> emails = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private String etag;
        private Instant updatedAt;
        private String source;

        private Builder(String sourceId) {
            this.sourceId = sourceId;
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder givenName(String givenName) {
            this.givenName = givenName;
            return this;
        }

        public Builder familyName(String familyName) {
            this.familyName = familyName;
            return this;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder phone(String number, PhoneType type) {
            phones.add(PhoneNumber.of(number, type));
            return this;
        }

        public Builder phone(PhoneNumber phone) {
            phones.add(phone);
            return this;
        }

        public Builder phones(List<PhoneNumber> list) {
            phones.addAll(list);
            return this;
        }

        public Builder email(String email) {
            emails.add(email);
            return this;
        }

        public Builder emails(List<String> list) {
            emails.addAll(list);
            return this;
        }

        public Builder group(String group) {
            groups.add(group);
            return this;
        }

        public Builder groups(List<String> list) {
            groups.addAll(list);
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        /** The configured source's name; engines leave it unset (the core stamps it). */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Contact build() {
            return new Contact(id, sourceId, displayName, givenName, familyName, organization, phones, emails,
                    groups, etag, updatedAt, source);
        }
    }
}
