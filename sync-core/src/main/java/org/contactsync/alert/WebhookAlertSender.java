package org.contactsync.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.contactsync.sync.SyncStats;

/**
 * POSTs an alert as JSON to a webhook. The body has a {@code text} field, which is what Slack and Microsoft Teams
 * incoming webhooks show, and the details for other receivers:
 *
 * <pre>{@code
 * {"event":"run_failed","text":"ContactSync: sync run 42 failed: ...","run_id":42,"outcome":"error",
 *  "message":"...","counts":{"added":0,"updated":0,"deleted":0,"unchanged":0,"errors":0},
 *  "occurred_at":"2024-05-01T12:00:00Z","node":"web-1"}
 * }</pre>
 *
 * A 2xx answer is delivered; anything else (or no answer) throws, so the dispatcher retries. The URL is a secret
 * (Slack and Teams put their token in it): it never appears in messages or logs.
 */
public final class WebhookAlertSender implements AlertSender {
    private final URI url;
    private final HttpClient http;
    private final Duration timeout;

    public WebhookAlertSender(URI url) {
        this(url, Duration.ofSeconds(10));
    }

    public WebhookAlertSender(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The alert webhook URL must be http or https.");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void send(Alert alert) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "ContactSync")
                .POST(HttpRequest.BodyPublishers.ofString(json(alert), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the alert", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + response.statusCode());
        }
    }

    /** The JSON body. */
    public static String json(Alert a) {
        SyncStats s = a.stats();
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"event\":").append(quote(a.kind().eventName()))
                .append(",\"text\":").append(quote(a.text()))
                .append(",\"run_id\":").append(a.runId() == null ? "null" : a.runId().toString())
                .append(",\"outcome\":").append(quote(a.outcome()))
                .append(",\"message\":").append(quote(a.message()))
                .append(",\"counts\":{\"added\":").append(s.added())
                .append(",\"updated\":").append(s.updated())
                .append(",\"deleted\":").append(s.deleted())
                .append(",\"unchanged\":").append(s.unchanged())
                .append(",\"errors\":").append(s.errors()).append('}')
                .append(",\"occurred_at\":").append(quote(a.occurredAt().toString()))
                .append(",\"node\":").append(quote(a.node()))
                .append('}');
        return sb.toString();
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "WebhookAlertSender[" + url.getScheme() + "://" + url.getHost() + "/****]";
    }
}
