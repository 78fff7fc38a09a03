package io.pipewatch.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times on pages as people read them: to the second, in UTC ("2026-12-04 03:00:05 UTC"), never the
 * nanosecond ISO instant. Pages show them relative ("3 min ago", alerts.js) with this on hover.
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
}
