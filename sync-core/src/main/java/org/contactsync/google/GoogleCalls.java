package org.contactsync.google;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.people.v1.model.ListConnectionsResponse;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.contactsync.metrics.SourceCallListener;
import org.contactsync.sync.CursorExpiredException;
import org.contactsync.sync.SyncContext;
import org.contactsync.sync.SyncSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call to Google and sorts its failures: an expired sync token, revoked access, and transient trouble
 * (429, 5xx, timeouts, broken connections, unreadable answers), which is retried with exponential backoff and jitter,
 * honouring Retry-After, until the settings' time budget for that call is spent.
 */
final class GoogleCalls {
    static final String REVOKED = "Google access was revoked or expired. Reconnect the Google account on the sync page.";
    private static final Logger log = LoggerFactory.getLogger(GoogleCalls.class);
    private static final String SOURCE = "google";

    @FunctionalInterface
    interface Call<T> {
        T execute() throws IOException;
    }

    /** What a person should check when Google answers 403 to a contacts request. */
    static final String CONTACTS_FORBIDDEN_ADVICE = "Check that the People API is enabled in the OAuth client's Google"
            + " Cloud project, then reconnect the Google account on the sync page.";

    private final GoogleSettings settings;
    private final SyncContext context;
    private final SourceCallListener listener;
    private final String forbiddenAdvice;

    GoogleCalls(GoogleSettings settings, SyncContext context, SourceCallListener listener) {
        this(settings, context, listener, CONTACTS_FORBIDDEN_ADVICE);
    }

    /** @param forbiddenAdvice what to check after a 403, for people (the directory has its own reasons) */
    GoogleCalls(GoogleSettings settings, SyncContext context, SourceCallListener listener, String forbiddenAdvice) {
        this.settings = settings;
        this.context = context;
        this.listener = listener;
        this.forbiddenAdvice = forbiddenAdvice;
    }

    /**
     * @param what         what is being read, for messages ("contacts page 3")
     * @param withSyncToken whether the request carries a sync token (only then can a 400/410 mean "expired")
     */
    <T> T call(String what, boolean withSyncToken, Call<T> call) {
        long start = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            Transient failure;
            try {
                T answer = call.execute();
                listener.called(SOURCE, "200");
                return answer;
            } catch (HttpResponseException e) {
                int code = e.getStatusCode();
                listener.called(SOURCE, Integer.toString(code));
                if (withSyncToken && (code == 400 || code == 410) && isExpiredSyncToken(e)) {
                    throw new CursorExpiredException("Google's sync token expired (HTTP " + code + ")", e);
                }
                if (code == 401 || mentionsInvalidGrant(e)) {
                    throw new SyncSourceException(REVOKED, "HTTP " + code + " while reading " + what, e);
                }
                if (code == 403) {
                    throw new SyncSourceException("Google refused to hand out the contacts (403: " + message(e)
                            + "). " + forbiddenAdvice, describe(e), e);
                }
                if (code != 429 && code < 500) {
                    throw new SyncSourceException("Google rejected the request for " + what + " (HTTP " + code + ": "
                            + message(e) + "). Run the sync again; if it keeps failing, the server log has the "
                            + "details.", describe(e), e);
                }
                failure = new Transient(code == 429 ? Kind.RATE_LIMITED : Kind.SERVER_ERROR,
                        "HTTP " + code + " " + message(e), retryAfter(e), e);
            } catch (IOException | IllegalArgumentException e) {
                // IllegalArgumentException: the JSON parser's answer to a garbled body.
                if (mentionsInvalidGrant(e)) {
                    throw new SyncSourceException(REVOKED, "the token endpoint answered invalid_grant", e);
                }
                failure = new Transient(kindOf(e), e.toString(), null, e);
                listener.called(SOURCE, failure.kind.name().toLowerCase(java.util.Locale.ROOT));
            }
            waitOrGiveUp(what, start, attempt, failure);
        }
    }

    private void waitOrGiveUp(String what, long start, int attempt, Transient f) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Duration remaining = settings.retryMaxTotal().minus(elapsed);
        if (f.retryAfter != null && f.retryAfter.compareTo(remaining) > 0) {
            throw new SyncSourceException("Google asked to wait " + f.retryAfter.toSeconds() + " s before the next "
                    + "request (rate limit), longer than this sync may wait (" + settings.retryMaxTotal().toSeconds()
                    + " s). Run the sync again later.", f.detail, f.cause);
        }
        long base = settings.retryInitialDelay().toMillis() << Math.min(20, attempt - 1);
        long capped = Math.min(settings.retryMaxDelay().toMillis(), Math.max(1, base));
        // Full jitter on the upper half, so many clients hitting one limit do not retry in step.
        long delay = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (f.retryAfter != null) {
            delay = Math.max(delay, f.retryAfter.toMillis());
        }
        if (Duration.ofMillis(delay).compareTo(remaining) > 0) {
            throw giveUp(what, elapsed, attempt, f);
        }
        log.warn("Google People API: {} failed ({}); retrying in {} ms (attempt {})", what, f.detail, delay,
                attempt + 1);
        listener.retried(SOURCE, f.cause instanceof HttpResponseException h ? Integer.toString(h.getStatusCode())
                : f.kind.name().toLowerCase(java.util.Locale.ROOT));
        sleep(delay);
    }

    /**
     * Executes a request and parses its answer only when the body is one complete JSON object. The Google client's
     * own parser stops quietly at the end of a cut-off body and hands back a partial page (no nextPageToken: it
     * looks like the last page), so the body is read whole and checked first; a short or broken one is an
     * {@link UnreadableAnswerException}, retried like any transient failure.
     */
    static <T> T readComplete(AbstractGoogleClientRequest<T> request) throws IOException {
        byte[] body = body(request);
        String problem = jsonProblem(body);
        if (problem != null) {
            throw new UnreadableAnswerException(problem + " (" + body.length + " bytes)");
        }
        try {
            return GoogleAccount.JSON.createJsonParser(new ByteArrayInputStream(body), StandardCharsets.UTF_8)
                    .parseAndClose(request.getResponseClass());
        } catch (RuntimeException e) {
            // Well-formed JSON of the wrong shape ("connections": "x"): the parser throws IllegalArgumentException.
            throw new UnreadableAnswerException("the answer does not have the expected fields: " + e, e);
        }
    }

    /**
     * {@link #readComplete} for a page of contacts, in one pass over the body instead of a check and a parse
     * ({@link ConnectionsPageReader}: the Google client's parser was most of the cost of reading a page).
     */
    static ListConnectionsResponse readConnections(AbstractGoogleClientRequest<ListConnectionsResponse> request)
            throws IOException {
        return ConnectionsPageReader.read(body(request));
    }

    private static byte[] body(AbstractGoogleClientRequest<?> request) throws IOException {
        HttpResponse response = request.executeUnparsed();
        try (InputStream in = response.getContent()) {
            return in == null ? new byte[0] : in.readAllBytes();
        } finally {
            response.disconnect();
        }
    }

    /** Why {@code body} is not one complete JSON object, or null when it is. */
    static String jsonProblem(byte[] body) {
        try (JsonReader r = new JsonReader(new InputStreamReader(new ByteArrayInputStream(body),
                StandardCharsets.UTF_8))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                return "the answer is not a JSON object";
            }
            r.skipValue();
            return r.peek() == JsonToken.END_DOCUMENT ? null : "there is text after the JSON object";
        } catch (EOFException e) {
            return "the answer ends in the middle of its JSON (cut short)";
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            return "the answer is not valid JSON: " + e.getMessage();
        }
    }

    private SyncSourceException giveUp(String what, Duration elapsed, int attempts, Transient f) {
        String over = String.format(java.util.Locale.ROOT, " for %.1f s (%d attempts)", elapsed.toMillis() / 1000.0,
                attempts);
        String msg = switch (f.kind) {
            case RATE_LIMITED -> "Google's rate limit for the People API stayed exceeded" + over
                    + ". Run the sync again later; if this keeps happening, sync less often.";
            case SERVER_ERROR -> "Google's People API kept failing (" + f.detail + ")" + over
                    + ". Run the sync again later.";
            case TIMEOUT -> "Google did not answer in time (read timeout " + settings.readTimeout().toMillis()
                    + " ms)" + over + ". Run the sync again later; if it keeps failing, check the network.";
            case UNREADABLE -> "Google sent answers that could not be read" + over + " while reading " + what
                    + ". Run the sync again later.";
            case CONNECTION -> "The connection to Google failed" + over + " while reading " + what
                    + ". Check the network and run the sync again.";
        };
        return new SyncSourceException(msg, what + ": " + f.detail, f.cause);
    }

    private void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        try {
            // In slices, so a cancelled run stops waiting promptly.
            for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                context.checkCancelled();
                Thread.sleep(Math.min(left, 200));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncSourceException("The sync was stopped while waiting to retry a call to Google.");
        }
        context.checkCancelled();
    }

    private static Kind kindOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnreadableAnswerException) {
                return Kind.UNREADABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t instanceof IllegalArgumentException
                    || t.getClass().getName().startsWith("com.google.gson")
                    || t.getClass().getName().contains("Json")) {
                return Kind.UNREADABLE;
            }
        }
        return Kind.CONNECTION;
    }

    static boolean isExpiredSyncToken(HttpResponseException e) {
        if (contains(e.getContent(), "EXPIRED_SYNC_TOKEN") || contains(e.getMessage(), "EXPIRED_SYNC_TOKEN")
                || contains(e.getMessage(), "Sync token is expired")) {
            return true;
        }
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null) {
            GoogleJsonError d = g.getDetails();
            if (contains(d.getMessage(), "Sync token is expired")) {
                return true;
            }
            if (d.getDetails() != null) {
                return d.getDetails().stream().anyMatch(x -> "EXPIRED_SYNC_TOKEN".equals(x.get("reason")));
            }
        }
        return false;
    }

    static boolean mentionsInvalidGrant(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (contains(t.getMessage(), "invalid_grant")
                    || (t instanceof HttpResponseException h && contains(h.getContent(), "invalid_grant"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Duration retryAfter(HttpResponseException e) {
        String v = e.getHeaders() == null ? null : e.getHeaders().getRetryAfter();
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String message(HttpResponseException e) {
        if (e instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getMessage() != null) {
            return g.getDetails().getMessage();
        }
        return e.getStatusMessage() == null ? "no message" : e.getStatusMessage();
    }

    private static String describe(HttpResponseException e) {
        String content = e.getContent();
        return "HTTP " + e.getStatusCode() + (content == null ? "" : ": "
                + content.substring(0, Math.min(500, content.length())));
    }

    private static boolean contains(String s, String part) {
        return s != null && s.contains(part);
    }

    /** A 200 answer whose body is not a complete JSON object of the expected shape. */
    static final class UnreadableAnswerException extends IOException {
        UnreadableAnswerException(String message) {
            super(message);
        }

        UnreadableAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private enum Kind { RATE_LIMITED, SERVER_ERROR, TIMEOUT, UNREADABLE, CONNECTION }

    private record Transient(Kind kind, String detail, Duration retryAfter, Throwable cause) {
    }
}
