package org.contactsync.jaxrs.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one rule for what a stored page answers a request with its conditional headers (RFC 9110 §13.2.2). */
class StoredAnswerTest {
    private static final Instant CHANGED = Instant.parse("2026-12-01T10:00:00.750Z");
    private static final RenderedCache.Rendered PAGE = new RenderedCache.Rendered(200,
            "<CiscoIPPhoneMenu/>".getBytes(StandardCharsets.UTF_8), "text/xml; charset=utf-8", "abc-1", CHANGED,
            Map.of("Vary", "Accept-Charset, x-CiscoIPPhoneModelName"));

    private static StoredAnswer answer(RenderedCache.Rendered page, String... headers) {
        Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return StoredAnswer.of(page, h::get);
    }

    @Test
    void withoutConditionsThePageWithItsValidatorsAndHeaders() {
        StoredAnswer a = answer(PAGE);

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(PAGE.body());
        assertThat(a.headers()).containsEntry("ETag", "\"abc-1\"")
                .containsEntry("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")
                .containsEntry("Content-Type", "text/xml; charset=utf-8").containsEntry("Cache-Control", "no-cache")
                .containsEntry("Vary", "Accept-Charset, x-CiscoIPPhoneModelName");
    }

    @Test
    void aMatchingEntityTagOrANotOlderDateIs304WithoutABody() {
        assertThat(answer(PAGE, "If-None-Match", "\"abc-1\"").status()).isEqualTo(304);
        assertThat(answer(PAGE, "If-None-Match", "\"old\", W/\"abc-1\"").status()).isEqualTo(304);
        assertThat(answer(PAGE, "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(answer(PAGE, "If-Modified-Since", "Tue, 01 Dec 2026 10:00:00 GMT").status()).isEqualTo(304);
        StoredAnswer notModified = answer(PAGE, "If-None-Match", "\"abc-1\"");
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers()).containsEntry("ETag", "\"abc-1\"").containsKey("Vary")
                .doesNotContainKey("Content-Type");
    }

    @Test
    void anOtherTagWinsOverADateAndAnOlderOrUnreadableDateGetsThePage() {
        assertThat(answer(PAGE, "If-None-Match", "\"old\"", "If-Modified-Since", "Tue, 01 Dec 2026 11:00:00 GMT")
                .status()).isEqualTo(200);
        assertThat(answer(PAGE, "If-Modified-Since", "Tue, 01 Dec 2026 09:59:59 GMT").status()).isEqualTo(200);
        assertThat(answer(PAGE, "If-Modified-Since", "yesterday").status()).isEqualTo(200);
    }

    @Test
    void aFailedIfMatchOrIfUnmodifiedSinceIs412() {
        assertThat(answer(PAGE, "If-Match", "\"other\"").status()).isEqualTo(412);
        assertThat(answer(PAGE, "If-Match", "W/\"abc-1\"").status()).as("If-Match compares strongly").isEqualTo(412);
        assertThat(answer(PAGE, "If-Match", "\"abc-1\"").status()).isEqualTo(200);
        assertThat(answer(PAGE, "If-Unmodified-Since", "Tue, 01 Dec 2026 09:00:00 GMT").status()).isEqualTo(412);
    }

    @Test
    void anErrorPageIsSentAsItIsWhateverTheConditions() {
        RenderedCache.Rendered missing = new RenderedCache.Rendered(404, new byte[] {1}, "text/xml; charset=utf-8",
                "abc-1", CHANGED, Map.of());

        StoredAnswer a = answer(missing, "If-None-Match", "\"abc-1\"");

        assertThat(a.status()).isEqualTo(404);
        assertThat(a.headers()).doesNotContainKeys("ETag", "Last-Modified").containsEntry("Cache-Control", "no-cache");
    }
}
