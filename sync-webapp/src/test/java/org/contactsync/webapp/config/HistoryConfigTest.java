package org.contactsync.webapp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How many changes each run lists and how long the lists are kept: defaults, values, one message per bad value. */
class HistoryConfigTest {
    @TempDir
    Path tmp;

    private final Map<String, String> sys = new HashMap<>();

    private ContactSyncConfig.History load() {
        sys.putIfAbsent(ContactSyncConfig.DATA_DIR, tmp.resolve("data").toString());
        return ContactSyncConfig.load(ConfigSources.of(sys, Map.of(), Map.of())).history();
    }

    @Test
    void byDefaultARunListsAThousandChangesKeptNinetyDays() {
        assertThat(load()).isEqualTo(new ContactSyncConfig.History(1000, Duration.ofDays(90)));
    }

    @Test
    void bothMayBeSetAndZeroListsNothing() {
        sys.put(ContactSyncConfig.HISTORY_CHANGES_PER_RUN, "0");
        sys.put(ContactSyncConfig.HISTORY_RETENTION, "7d");

        assertThat(load()).isEqualTo(new ContactSyncConfig.History(0, Duration.ofDays(7)));
    }

    @Test
    void aBadNumberOfChangesNamesTheKeyAndTheRange() {
        sys.put(ContactSyncConfig.HISTORY_CHANGES_PER_RUN, "lots");

        assertThatThrownBy(this::load).hasMessageContaining(ContactSyncConfig.HISTORY_CHANGES_PER_RUN)
                .hasMessageContaining("'lots' is not a number of changes")
                .hasMessageContaining("from 0 (list none, only count them) to 100000");
    }

    @Test
    void aRetentionShorterThanAnHourOrNotADurationIsRefused() {
        sys.put(ContactSyncConfig.HISTORY_RETENTION, "5m");
        assertThatThrownBy(this::load).hasMessageContaining(ContactSyncConfig.HISTORY_RETENTION)
                .hasMessageContaining("'5m' is too short");
        sys.put(ContactSyncConfig.HISTORY_RETENTION, "forever");
        assertThatThrownBy(this::load).hasMessageContaining("'forever' is not a duration");
    }
}
