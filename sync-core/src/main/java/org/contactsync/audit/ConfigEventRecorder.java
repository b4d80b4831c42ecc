package org.contactsync.audit;

import java.util.Objects;

import org.contactsync.contact.Contact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records configuration changes for the parts that make them (the scheduler, the REST resources): the change itself
 * has happened by then, so a log that cannot be written (the database is down) is logged and never undoes or fails
 * it. {@link #NONE} records nothing, for hosts without a timeline.
 */
public final class ConfigEventRecorder {
    private static final Logger log = LoggerFactory.getLogger(ConfigEventRecorder.class);

    /** Records nothing. */
    public static final ConfigEventRecorder NONE = new ConfigEventRecorder(null);

    private final ConfigEventLog events;

    private ConfigEventRecorder(ConfigEventLog events) {
        this.events = events;
    }

    public static ConfigEventRecorder to(ConfigEventLog events) {
        return new ConfigEventRecorder(Objects.requireNonNull(events, "events"));
    }

    /** Records a change of the default contact source; failures are logged, not thrown. */
    public void record(String kind, String actor, String summary) {
        record(kind, actor, summary, Contact.DEFAULT_SOURCE);
    }

    /** Records a change of the named contact source; failures are logged, not thrown. */
    public void record(String kind, String actor, String summary, String source) {
        if (events == null) {
            return;
        }
        try {
            events.record(ConfigEvent.of(kind, actor, summary, source));
        } catch (RuntimeException e) {
            log.warn("Could not record the configuration change \"{}\" by {} in the timeline: {}", summary, actor,
                    e.toString());
        }
    }
}
