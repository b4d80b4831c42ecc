package org.contactsync.testkit.google;

import java.util.ArrayList;
import java.util.List;

/**
 * One contact in the {@link PeopleApiEmulator}'s address book. Mutable only inside the emulator's
 * {@code addPerson}/{@code editPerson} callbacks, which record the change for sync tokens.
 */
public final class EmulatedPerson {
    /** A phone number as the People API shows it ({@code value}, {@code type}, {@code metadata.primary}). */
    public record Phone(String value, String type, boolean primary) {
    }

    final String resourceName;
    long seq;
    boolean deleted;
    public String givenName;
    public String familyName;
    /** The People API's {@code names[].displayName}; null means "given family". */
    public String displayName;
    public String organization;
    public final List<Phone> phones = new ArrayList<>();
    public final List<String> emails = new ArrayList<>();
    /** Contact group resource names, e.g. {@code contactGroups/friends}; myContacts is always added. */
    public final List<String> groups = new ArrayList<>();

    EmulatedPerson(String resourceName) {
        this.resourceName = resourceName;
    }

    public String resourceName() {
        return resourceName;
    }

    public boolean deleted() {
        return deleted;
    }

    /** The name the People API shows, or null for a contact without a name. */
    public String shownName() {
        if (displayName != null) {
            return displayName;
        }
        String joined = ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).strip();
        return joined.isEmpty() ? null : joined;
    }

    public EmulatedPerson name(String given, String family) {
        this.givenName = given;
        this.familyName = family;
        this.displayName = null;
        return this;
    }

    public EmulatedPerson noName() {
        this.givenName = null;
        this.familyName = null;
        this.displayName = null;
        return this;
    }

    public EmulatedPerson phone(String value, String type, boolean primary) {
        phones.add(new Phone(value, type, primary));
        return this;
    }

    public EmulatedPerson email(String email) {
        emails.add(email);
        return this;
    }

    public EmulatedPerson organization(String org) {
        this.organization = org;
        return this;
    }

    public EmulatedPerson group(String groupResourceName) {
        if (!groups.contains(groupResourceName)) {
            groups.add(groupResourceName);
        }
        return this;
    }

    public EmulatedPerson leaveGroup(String groupResourceName) {
        groups.remove(groupResourceName);
        return this;
    }
}
