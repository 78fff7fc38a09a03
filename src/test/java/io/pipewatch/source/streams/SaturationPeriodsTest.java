package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SaturationPeriodsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
    private final SaturationPeriods periods = new SaturationPeriods("t", Duration.ofMinutes(10));

    @Test
    void foldsAgesIntoCompletedPeriods() {
        periods.tailing(T0);
        for (int i = 1; i <= 100; i++) {
            periods.record(T0.plusSeconds(2), i * 1000L, 500L);
        }
        periods.record(T0.plusSeconds(3), Duration.ofMinutes(15).toMillis(), 800L);
        periods.timestampError(T0.plusSeconds(4));
        periods.record(T0.plusSeconds(12), -5_000, null); // a future bucket is not behind

        var out = periods.completed(T0, T0.plusSeconds(60), T0.plusSeconds(25));
        assertEquals(List.of(point(0, 101), point(10, 1)), out.get(key(StreamMetrics.RECORDS_READ, "Sum")));
        assertEquals(List.of(point(0, 1), point(10, 0)), out.get(key(StreamMetrics.RECORDS_OVER_THRESHOLD, "Sum")));
        assertEquals(List.of(point(0, 1), point(10, 0)), out.get(key(StreamMetrics.TIMESTAMP_ERRORS, "Sum")));
        assertEquals(List.of(point(0, 900_000), point(10, 0)), out.get(key(StreamMetrics.RECORD_AGE, "Maximum")));
        assertEquals(point(0, 51_000), out.get(key(StreamMetrics.RECORD_AGE, "p50")).get(0));
        assertEquals(point(0, 100_000), out.get(key(StreamMetrics.RECORD_AGE, "p99")).get(0));
        assertEquals(point(0, 800), out.get(key(StreamMetrics.READ_LAG, "Maximum")).get(0));
    }

    @Test
    void quietPeriodsCountZeroButOnlyOnceTailingHasBegun() {
        assertTrue(periods.completed(T0, T0.plusSeconds(60), T0.plusSeconds(60)).isEmpty());
        periods.tailing(T0.plusSeconds(20));
        Map<SeriesKey, List<Datapoint>> out = periods.completed(T0, T0.plusSeconds(60), T0.plusSeconds(45));
        assertEquals(List.of(point(20, 0), point(30, 0)), out.get(key(StreamMetrics.RECORDS_READ, "Sum")));
        assertEquals(null, out.get(key(StreamMetrics.RECORD_AGE, "Maximum")), "no record, no age");
    }

    @Test
    void aPausedTailerReportsNothingRatherThanZeros() {
        periods.tailing(T0);
        periods.paused();
        assertTrue(periods.completed(T0, T0.plusSeconds(60), T0.plusSeconds(60)).isEmpty(), "blind is not quiet");
        periods.tailing(T0.plusSeconds(30));
        assertEquals(List.of(point(30, 0), point(40, 0)),
                periods.completed(T0, T0.plusSeconds(60), T0.plusSeconds(55)).get(key(StreamMetrics.RECORDS_READ, "Sum")));
    }

    @Test
    void percentilesStayBoundedOnABusyStream() {
        periods.tailing(T0);
        for (int i = 0; i < 100_000; i++) {
            periods.record(T0, i % 1000, null);
        }
        var out = periods.completed(T0, T0.plusSeconds(10), T0.plusSeconds(10));
        assertEquals(100_000, out.get(key(StreamMetrics.RECORDS_READ, "Sum")).get(0).value());
        double p50 = out.get(key(StreamMetrics.RECORD_AGE, "p50")).get(0).value();
        assertTrue(Math.abs(p50 - 500) < 60, "sampled p50 " + p50);
    }

    private static SeriesKey key(String metric, String statistic) {
        return StreamMetrics.key("t", metric, statistic);
    }

    private static Datapoint point(int second, double value) {
        return new Datapoint(T0.plusSeconds(second), value);
    }
}
