package org.contactsync.webapp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health, metrics and alert settings: defaults, and one clear message per bad value that never repeats a secret. */
class OperationsConfigTest {
    @TempDir
    Path tmp;

    private final Map<String, String> sys = new HashMap<>();

    private ContactSyncConfig.Operations load() {
        sys.putIfAbsent(ContactSyncConfig.DATA_DIR, tmp.resolve("data").toString());
        return ContactSyncConfig.load(ConfigSources.of(sys, Map.of(), Map.of())).operations();
    }

    @Test
    void defaultsAreStaleAfterThreeIntervalsNoWebhookPauseAfterFiveAndMetricsOn() {
        ContactSyncConfig.Operations ops = load();
        assertThat(ops.staleAfter()).isEqualTo(Duration.ofMinutes(45));
        assertThat(ops.webhookUrl()).isNull();
        assertThat(ops.pauseAfter()).isEqualTo(5);
        assertThat(ops.metrics()).isTrue();
        assertThat(ops.metricsToken()).isNull();
    }

    @Test
    void staleAfterFollowsTheIntervalIsOffForManualSyncAndMayBeSet() {
        sys.put("contactsync.sync.interval", "1h");
        assertThat(load().staleAfter()).isEqualTo(Duration.ofHours(3));
        sys.put("contactsync.sync.interval", "off");
        sys.put("contactsync.sync.full-interval", "off");
        assertThat(load().staleAfter()).isNull();
        sys.put("contactsync.alert.stale-after", "2h");
        assertThat(load().staleAfter()).isEqualTo(Duration.ofHours(2));
        sys.put("contactsync.alert.stale-after", "off");
        assertThat(load().staleAfter()).isNull();
    }

    @Test
    void aBadStaleAfterNamesTheKey() {
        sys.put("contactsync.alert.stale-after", "soon");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.alert.stale-after")
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void theWebhookUrlMustBeHttpAndIsNeverRepeatedInMessagesOrToString() {
        sys.put("contactsync.alert.webhook-url", "https://hooks.example.com/services/T000/B000/SECRET123");
        ContactSyncConfig.Operations ops = load();
        assertThat(ops.webhookUrl()).isEqualTo(URI.create("https://hooks.example.com/services/T000/B000/SECRET123"));
        assertThat(ops.toString()).doesNotContain("SECRET123").contains("hooks.example.com");

        sys.put("contactsync.alert.webhook-url", "ftp://hooks.example.com/SECRET123");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.alert.webhook-url")
                .hasMessageContaining("is not an absolute http(s) URL").hasMessageNotContaining("SECRET123");
    }

    @Test
    void pauseAfterIsAWholeNumberOrOff() {
        sys.put("contactsync.alert.pause-after", "3");
        assertThat(load().pauseAfter()).isEqualTo(3);
        sys.put("contactsync.alert.pause-after", "off");
        assertThat(load().pauseAfter()).isZero();
        sys.put("contactsync.alert.pause-after", "many");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.alert.pause-after")
                .hasMessageContaining("'many' is not a number of failed runs");
    }

    @Test
    void metricsMayBeTurnedOffAndTheTokenMustBeLongEnoughWithoutBeingRepeated() {
        sys.put("contactsync.metrics.enabled", "false");
        assertThat(load().metrics()).isFalse();
        sys.put("contactsync.metrics.token", "short-tok");
        assertThatThrownBy(this::load).hasMessageContaining("contactsync.metrics.token")
                .hasMessageContaining("too short").hasMessageNotContaining("short-tok");
        sys.put("contactsync.metrics.token", "a-long-enough-metrics-token");
        assertThat(load().metricsToken()).isEqualTo("a-long-enough-metrics-token");
        assertThat(load().toString()).doesNotContain("a-long-enough-metrics-token");
    }
}
