package io.pipewatch.dashboard;

import io.pipewatch.config.YamlMapping;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The window a dashboard shows, as its URL says it: {@code from} and {@code to}, each an ISO-8601 instant
 * ({@code 2026-12-04T03:00:00Z}), {@code now}, or {@code now-3h} ({@code s}, {@code m}, {@code h}, {@code d}). A window
 * that ends now follows live; a fixed one does not.
 *
 * @param live true when {@code to} is {@code now}
 */
public record TimeRange(Instant from, Instant to, boolean live) {

    public static final String DEFAULT_FROM = "now-30m";
    /** Longer windows than a week are not shown: the store keeps hours, and CloudWatch backfill is per week. */
    static final Duration LONGEST = Duration.ofDays(7);
    private static final Pattern RELATIVE = Pattern.compile("now-([0-9]{1,6}[smhd])");

    /** @throws IllegalArgumentException naming the parameter ({@code from: …}) when the text is not a time or the window is empty */
    public static TimeRange parse(String fromText, String toText, Instant now) {
        String f = fromText == null || fromText.isBlank() ? DEFAULT_FROM : fromText.strip();
        String t = toText == null || toText.isBlank() ? "now" : toText.strip();
        Instant from = instant("from", f, now);
        Instant to = instant("to", t, now);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from: must be before to (" + f + " is not before " + t + ")");
        }
        if (Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("from: the window may span at most 7 days");
        }
        return new TimeRange(from, to, t.equals("now"));
    }

    private static Instant instant(String field, String text, Instant now) {
        if (text.equals("now")) {
            return now;
        }
        var relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            return now.minus(YamlMapping.parseDuration(relative.group(1)));
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw new IllegalArgumentException(field + ": '" + shown + "' is not a time: use an ISO-8601 instant"
                    + " (2026-12-04T03:00:00Z), now, or now-15m, now-3h, now-7d");
        }
    }
}
