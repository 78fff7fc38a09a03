package io.pipewatch.source.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MedianWatermarkTest {

    private static final long MINUTE = 60_000;
    private final MedianWatermark watermark = new MedianWatermark(MINUTE);

    @Test
    void aDeviceClockDaysAheadFoolsAMaxWatermarkButNotTheMedian() {
        long now = 1_000 * MINUTE;
        long[] events = {now - 1_000, now - 2_000, now, now + 500, now - 10 * MINUTE, now + 3 * 24 * 60 * MINUTE};
        assertEquals(1, watermark.lateCount(events), "only the log 10 minutes behind is late");
        assertEquals(5, watermark.lateCountWithMaxWatermark(events), "the future clock makes everything else late");
    }

    @Test
    void logsWithinTheAllowedLatenessAreNotLate() {
        long now = 1_000 * MINUTE;
        long[] events = {now, now, now, now - MINUTE + 1, now - MINUTE - 1};
        assertEquals(1, watermark.lateCount(events));
    }

    @Test
    void medianOfAnEvenBatchIsTheMidpoint() {
        assertEquals(15, MedianWatermark.median(new long[] {40, 10, 20, 0}));
        assertEquals(0, watermark.lateCount(new long[0]));
    }
}
