package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Windows as URLs write them. */
class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");

    @Test
    void relativeWindowsEndNowAndFollowLive() {
        assertEquals(new TimeRange(Instant.parse("2026-12-04T00:00:00Z"), NOW, true), TimeRange.parse("now-3h", "now", NOW));
        assertEquals(new TimeRange(Instant.parse("2026-12-03T03:00:00Z"), NOW, true), TimeRange.parse("now-1d", null, NOW));
        assertEquals(new TimeRange(Instant.parse("2026-12-04T02:30:00Z"), NOW, true), TimeRange.parse(null, null, NOW),
                "the default: the last 30 minutes");
    }

    @Test
    void absoluteWindowsStayPut() {
        assertEquals(new TimeRange(Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:00:00Z"), false),
                TimeRange.parse("2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", NOW));
        assertEquals(new TimeRange(Instant.parse("2026-12-04T02:00:00Z"), Instant.parse("2026-12-04T02:30:00Z"), false),
                TimeRange.parse("now-1h", "now-30m", NOW));
    }

    @Test
    void aWindowThatIsNoneIsRefusedNamingTheParameter() {
        assertEquals("from: 'yesterday' is not a time: use an ISO-8601 instant (2026-12-04T03:00:00Z), now, or now-15m,"
                + " now-3h, now-7d", assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("yesterday", "now", NOW))
                .getMessage());
        assertEquals("to: 'x", assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("now-1h", "x", NOW))
                .getMessage().substring(0, 6));
        assertEquals("from: must be before to (now is not before now-1h)",
                assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("now", "now-1h", NOW)).getMessage());
        assertEquals("from: the window may span at most 7 days",
                assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("now-8d", "now", NOW)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TimeRange.parse("now-9999999h", "now", NOW));
    }
}
