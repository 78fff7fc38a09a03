package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Times on pages: relative as alerts.js writes them, absolute to the second. */
class TimeTextTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00.123456789Z");

    @Test
    void relativeToTheClockTheTimeWasReadFrom() {
        assertEquals("0 s ago", TimeText.relativeTo(NOW, NOW));
        assertEquals("42 s ago", TimeText.relativeTo(NOW.minusSeconds(42), NOW));
        assertEquals("3 min ago", TimeText.relativeTo(NOW.minusSeconds(190), NOW));
        assertEquals("in 2 h", TimeText.relativeTo(NOW.plus(Duration.ofHours(2)), NOW));
        assertEquals("2 h 5 min ago", TimeText.relativeTo(NOW.minus(Duration.ofMinutes(125)), NOW));
        assertEquals("in 29 d 23 h", TimeText.relativeTo(NOW.plus(Duration.ofDays(30)).minusSeconds(3600), NOW));
    }

    @Test
    void absoluteToTheSecondInUtc() {
        assertEquals("2026-12-04 03:00:00 UTC", TimeText.absolute(NOW));
        assertEquals("", TimeText.absolute(null));
    }
}
