package org.contactsync.audit;

import java.time.Instant;
import java.util.Objects;

import org.contactsync.contact.Contact;

/**
 * One configuration change that matters for the sync (the contact source, group selection, the Google account,
 * pausing and resuming automatic syncs), with who made it. Never holds a secret: a summary names what changed, not
 * a password, token or URL with credentials.
 *
 * @param at      when it was recorded (the log's clock); null only in an event not yet {@link ConfigEventLog#record
 *                recorded}
 * @param kind    what changed, one of the {@code KIND_} constants or a host's own word
 * @param actor   who did it: the signed-in user's name, {@link #ACTOR_CONFIGURATION} for a change found in the
 *                configuration at start, or {@link #ACTOR_SYSTEM} for an automatic one
 * @param summary a sentence for people saying what changed
 * @param source  the contact source it concerns ({@link Contact#DEFAULT_SOURCE} while there is only one)
 */
public record ConfigEvent(Instant at, String kind, String actor, String summary, String source) {
    public static final String KIND_SOURCE = "source";
    public static final String KIND_GROUPS = "groups";
    public static final String KIND_GOOGLE = "google";
    public static final String KIND_SCHEDULE = "schedule";
    public static final String ACTOR_SYSTEM = "system";
    public static final String ACTOR_CONFIGURATION = "configuration";
    /** The longest kind, actor and source the logs keep. */
    public static final int MAX_NAME = 200;
    /** The longest summary the logs keep; longer ones are cut with an ellipsis. */
    public static final int MAX_SUMMARY = 1000;

    public ConfigEvent {
        kind = name(kind, "kind");
        actor = name(actor, "actor");
        source = source == null || source.isBlank() ? Contact.DEFAULT_SOURCE : name(source, "source");
        Objects.requireNonNull(summary, "summary");
        if (summary.isBlank()) {
            throw new IllegalArgumentException("summary must not be blank");
        }
        summary = summary.strip();
        if (summary.length() > MAX_SUMMARY) {
            summary = summary.substring(0, MAX_SUMMARY - 1) + "…";
        }
    }

    /** An event to {@link ConfigEventLog#record record}; the log sets the time. */
    public static ConfigEvent of(String kind, String actor, String summary, String source) {
        return new ConfigEvent(null, kind, actor, summary, source);
    }

    /** The same event at the given time. */
    public ConfigEvent at(Instant when) {
        return new ConfigEvent(Objects.requireNonNull(when, "when"), kind, actor, summary, source);
    }

    private static String name(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        String v = value.strip();
        return v.length() > MAX_NAME ? v.substring(0, MAX_NAME) : v;
    }
}
