package io.pipewatch.source.demo;

import java.util.Arrays;

/**
 * Decides which logs of a batch are late, against an event-time watermark taken as the median of
 * the batch's event times. Device clocks are wrong, some by days into the future; a max-based
 * watermark ({@code max − lateness}) is dragged forward by one such device and then calls nearly
 * every log late, while the median only moves if half the devices are wrong.
 */
public final class MedianWatermark {

    private final long allowedLatenessMillis;

    public MedianWatermark(long allowedLatenessMillis) {
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    /** The watermark of a batch of event times (epoch millis): their median. */
    public static long median(long[] eventTimes) {
        long[] sorted = eventTimes.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : sorted[mid - 1] + (sorted[mid] - sorted[mid - 1]) / 2;
    }

    /** Logs whose event time is more than the allowed lateness behind the batch's median. */
    public int lateCount(long[] eventTimes) {
        if (eventTimes.length == 0) {
            return 0;
        }
        return countBefore(eventTimes, median(eventTimes) - allowedLatenessMillis);
    }

    /** The count a max-based watermark would report, for comparison: fooled by future clocks. */
    public int lateCountWithMaxWatermark(long[] eventTimes) {
        long max = Arrays.stream(eventTimes).max().orElse(0);
        return countBefore(eventTimes, max - allowedLatenessMillis);
    }

    private static int countBefore(long[] eventTimes, long watermark) {
        int late = 0;
        for (long t : eventTimes) {
            if (t < watermark) {
                late++;
            }
        }
        return late;
    }
}
