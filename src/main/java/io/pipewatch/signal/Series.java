package io.pipewatch.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded, time-ordered ring of datapoints that decides what to keep: a point for a timestamp it
 * already holds replaces the old value (CloudWatch re-reads late data), older points are inserted in
 * order, and when full the oldest point goes.
 *
 * <p>Storage is two primitive arrays, 16 bytes per datapoint (epoch millis + double).
 */
final class Series {

    private final long[] times;
    private final double[] values;
    private int start;
    private int size;

    Series(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    synchronized void put(long epochMillis, double value) {
        int capacity = times.length;
        if (size > 0 && epochMillis > timeAt(size - 1) || size == 0) {
            if (size == capacity) {
                start = (start + 1) % capacity;
                size--;
            }
            set(size++, epochMillis, value);
            return;
        }
        int index = search(epochMillis);
        if (index >= 0) {
            values[physical(index)] = value;
            return;
        }
        int insertAt = -index - 1;
        if (size == capacity) {
            if (insertAt == 0) {
                return; // older than everything retained: outside the retention, dropped
            }
            start = (start + 1) % capacity;
            size--;
            insertAt--;
        }
        for (int i = size; i > insertAt; i--) {
            set(i, timeAt(i - 1), valueAt(i - 1));
        }
        set(insertAt, epochMillis, value);
        size++;
    }

    /** Points with from ≤ timestamp < to, oldest first. */
    synchronized List<Datapoint> range(long fromMillis, long toMillis) {
        int first = search(fromMillis);
        if (first < 0) {
            first = -first - 1;
        }
        List<Datapoint> out = new ArrayList<>();
        for (int i = first; i < size && timeAt(i) < toMillis; i++) {
            out.add(new Datapoint(Instant.ofEpochMilli(timeAt(i)), valueAt(i)));
        }
        return out;
    }

    synchronized int size() {
        return size;
    }

    synchronized Instant newest() {
        return size == 0 ? null : Instant.ofEpochMilli(timeAt(size - 1));
    }

    private int search(long epochMillis) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long t = timeAt(mid);
            if (t < epochMillis) {
                low = mid + 1;
            } else if (t > epochMillis) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    private int physical(int logical) {
        return (start + logical) % times.length;
    }

    private long timeAt(int logical) {
        return times[physical(logical)];
    }

    private double valueAt(int logical) {
        return values[physical(logical)];
    }

    private void set(int logical, long time, double value) {
        times[physical(logical)] = time;
        values[physical(logical)] = value;
    }
}
