package org.contactsync.examples.host;

import java.util.Set;

/**
 * A user of the host application, as its own user directory knows them.
 *
 * @param name  shown in logs and answers
 * @param roles the host's own role names
 */
public record HostUser(String name, Set<String> roles) {
    /** The host's people who work with orders. */
    public static final String STAFF = "staff";
    /** The host's IT administrators; the host grants them ContactSync's admin API. */
    public static final String IT_ADMIN = "it-admin";

    public HostUser {
        roles = Set.copyOf(roles);
    }
}
