package org.contactsync.jaxrs.support;

import jakarta.ws.rs.core.SecurityContext;

import org.contactsync.audit.ConfigEvent;

/** Who made a change, for the timeline: the signed-in user's name. */
public final class Actors {
    private Actors() {
    }

    /** The request's user name, or {@value ConfigEvent#ACTOR_SYSTEM} when nobody is signed in. */
    public static String of(SecurityContext who) {
        if (who == null || who.getUserPrincipal() == null || who.getUserPrincipal().getName() == null
                || who.getUserPrincipal().getName().isBlank()) {
            return ConfigEvent.ACTOR_SYSTEM;
        }
        return who.getUserPrincipal().getName();
    }
}
