package io.pipewatch.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {

    private static final SeriesKey KEY = new SeriesKey(MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "f")), "Sum");
    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void aRepeatedTimestampReplacesItsValue() {
        var store = new SeriesStore(10);
        store.put(KEY, point(0, 1));
        store.put(KEY, point(10, 2));
        store.put(KEY, point(0, 5));
        assertEquals(List.of(point(0, 5), point(10, 2)), all(store));
    }

    @Test
    void lateDatapointsAreInsertedInTimeOrder() {
        var store = new SeriesStore(10);
        store.put(KEY, point(0, 1));
        store.put(KEY, point(30, 4));
        store.put(KEY, point(10, 2));
        store.put(KEY, point(20, 3));
        assertEquals(List.of(point(0, 1), point(10, 2), point(20, 3), point(30, 4)), all(store));
    }

    @Test
    void aFullSeriesDropsItsOldestPoint() {
        var store = new SeriesStore(3);
        for (int i = 0; i < 5; i++) {
            store.put(KEY, point(i * 10, i));
        }
        assertEquals(List.of(point(20, 2), point(30, 3), point(40, 4)), all(store));
        store.put(KEY, point(0, 99)); // older than the retention: dropped, nothing else moves
        assertEquals(List.of(point(20, 2), point(30, 3), point(40, 4)), all(store));
        store.put(KEY, point(25, 2.5)); // inside the retention: the oldest goes to make room
        assertEquals(List.of(point(25, 2.5), point(30, 3), point(40, 4)), all(store));
    }

    @Test
    void rangeIsHalfOpenAndUnknownSeriesAreEmpty() {
        var store = new SeriesStore(10);
        for (int i = 0; i < 5; i++) {
            store.put(KEY, point(i * 10, i));
        }
        assertEquals(List.of(point(10, 1), point(20, 2)), store.range(KEY, T0.plusSeconds(10), T0.plusSeconds(30)));
        var other = new SeriesKey(KEY.metric(), "Maximum");
        assertEquals(List.of(), store.range(other, T0, T0.plusSeconds(60)));
        assertNull(store.newest(other));
        assertEquals(T0.plusSeconds(40), store.newest(KEY));
    }

    private static List<Datapoint> all(SeriesStore store) {
        return store.range(KEY, Instant.EPOCH, T0.plusSeconds(3600));
    }

    private static Datapoint point(int seconds, double value) {
        return new Datapoint(T0.plusSeconds(seconds), value);
    }
}
