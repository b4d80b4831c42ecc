package org.contactsync.sync;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the intervals people configure: {@code 90s}, {@code 30m}, {@code 1h}, {@code 1d}, combinations
 * such as {@code 1h30m}, ISO-8601 ({@code PT30M}), or {@code off}.
 */
public final class Intervals {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|d|h|m|s))+");

    private Intervals() {
    }

    /**
     * Parses an interval; empty means off ({@code off}, {@code none}, {@code disabled}, {@code false}).
     *
     * @throws IllegalArgumentException naming the bad value and the accepted forms
     */
    public static Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            throw invalid(value, "it is empty");
        }
        String v = value.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        switch (v) {
            case "off", "none", "disabled", "false" -> {
                return Optional.empty();
            }
            default -> {
                // parsed below
            }
        }
        Duration d;
        if (v.startsWith("p")) {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value, "it is not a valid ISO-8601 duration");
            }
        } else if (WHOLE.matcher(v).matches()) {
            d = Duration.ZERO;
            Matcher m = PART.matcher(v);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                d = d.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
        } else {
            throw invalid(value, "it is not a number followed by a unit");
        }
        if (d.isZero() || d.isNegative()) {
            throw invalid(value, "it must be longer than zero (write \"off\" to turn the schedule off)");
        }
        return Optional.of(d);
    }

    /** The short form people write: {@code 30m}, {@code 1h30m}, {@code 90s} as {@code 1m30s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d == null) {
            return "off";
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        append(sb, d.toDaysPart(), "d");
        append(sb, d.toHoursPart(), "h");
        append(sb, d.toMinutesPart(), "m");
        append(sb, d.toSecondsPart(), "s");
        append(sb, d.toMillisPart(), "ms");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n != 0) {
            sb.append(n).append(unit);
        }
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("Invalid interval \"" + value + "\": " + why + ". Write a number and a "
                + "unit (s, m, h or d), e.g. 90s, 30m, 1h, 1h30m, or \"off\".");
    }
}
