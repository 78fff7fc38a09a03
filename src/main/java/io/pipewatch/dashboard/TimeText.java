package io.pipewatch.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times on pages as people read them: to the second, in UTC ("2026-12-04 03:00:05 UTC"), never the
 * nanosecond ISO instant. Pages show them relative to the clock they were read from ("3 min ago"), with
 * this on hover; alerts.js keeps the relative text current.
 */
@TemplateExtension
final class TimeText {

    private static final DateTimeFormatter ABSOLUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private TimeText() {
    }

    static String absolute(Instant at) {
        return at == null ? "" : ABSOLUTE.format(at);
    }

    /** "3 min ago", "in 2 h 5 min", as alerts.js writes it when it keeps the page current. */
    static String relativeTo(Instant at, Instant now) {
        long ms = java.time.Duration.between(now, at).toMillis();
        long s = Math.round(Math.abs(ms) / 1000.0);
        String text = s < 60 ? s + " s"
                : s < 3600 ? Math.round(s / 60.0) + " min"
                : s < 86400 ? s / 3600 + " h" + (Math.round(s / 60.0) % 60 == 0 ? "" : " " + Math.round(s / 60.0) % 60 + " min")
                : s / 86400 + " d" + (s / 3600 % 24 == 0 ? "" : " " + s / 3600 % 24 + " h");
        return ms <= 0 ? text + " ago" : "in " + text;
    }
}
