package org.contactsync.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the settings that changed in the configuration since the last start and records them, with the actor
 * {@value ConfigEvent#ACTOR_CONFIGURATION}: each setting is described by one sentence (e.g. "Contact source: Google
 * Contacts."), and a sentence that differs from the newest recorded event of its kind is a change. The first start
 * records every setting, so the timeline begins with what the sync was set up with. The sentences must hold no
 * secret (name a file, not a password; a host, not a URL with a token).
 */
public final class ConfigAtStart {
    private final ConfigEventLog events;

    public ConfigAtStart(ConfigEventLog events) {
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * @param source   the contact source the settings belong to
     * @param settings each kind's sentence, in the order to record them
     * @return the events recorded (empty when nothing changed)
     */
    public List<ConfigEvent> record(String source, Map<String, String> settings) {
        List<ConfigEvent> recorded = new ArrayList<>();
        settings.forEach((kind, sentence) -> {
            ConfigEvent now = ConfigEvent.of(kind, ConfigEvent.ACTOR_CONFIGURATION, sentence, source);
            Optional<ConfigEvent> last = events.latest(now.kind(), now.source());
            if (last.isEmpty() || !last.get().summary().equals(now.summary())) {
                recorded.add(events.record(now));
            }
        });
        return recorded;
    }
}
