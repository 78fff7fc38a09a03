package io.pipewatch.source.streams;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * Folds the ages of the records read from one table's stream into 10-second periods (by the time
 * they were read): maximum, p50 and p99 of the age, the count over the saturation threshold,
 * records read, Pipewatch's own read lag and timestamp errors. Counts and the maximum are exact;
 * percentiles come from a fixed-size reservoir sample, so memory stays flat however fast the
 * stream runs. Periods with nothing read report zero counts (and no age) once tailing has begun.
 */
final class SaturationPeriods {

    static final Duration RESOLUTION = Duration.ofSeconds(10);
    private static final int RESERVOIR = 2048;
    private static final Duration KEEP = Duration.ofHours(1);

    private final String table;
    private final long thresholdMillis;
    private final Random random = new Random(7);
    private final NavigableMap<Long, Period> periods = new TreeMap<>();
    private Instant tailingSince;

    SaturationPeriods(String table, Duration threshold) {
        this.table = table;
        this.thresholdMillis = threshold.toMillis();
    }

    /** Tailing (again) from {@code since}: quiet periods from then on count zero. */
    synchronized void tailing(Instant since) {
        if (tailingSince == null) {
            tailingSince = since;
        }
    }

    /** The tailer lost its stream: until it tails again, there is nothing to report, not zeros. */
    synchronized void paused() {
        tailingSince = null;
    }

    synchronized void record(Instant readAt, long ageMillis, Long readLagMillis) {
        Period p = period(readAt);
        long age = Math.max(0, ageMillis);
        p.records++;
        if (age >= thresholdMillis) {
            p.overThreshold++;
        }
        p.maxAge = Math.max(p.maxAge, age);
        if (p.sampled < RESERVOIR) {
            if (p.sampled == p.sample.length) {
                p.sample = Arrays.copyOf(p.sample, Math.min(RESERVOIR, p.sample.length * 2));
            }
            p.sample[p.sampled++] = age;
        } else {
            long slot = (long) (random.nextDouble() * p.records);
            if (slot < RESERVOIR) {
                p.sample[(int) slot] = age;
            }
        }
        if (readLagMillis != null) {
            p.maxReadLag = Math.max(p.maxReadLag, Math.max(0, readLagMillis));
        }
    }

    synchronized void timestampError(Instant readAt) {
        period(readAt).timestampErrors++;
    }

    /** Datapoints of every period that ended by {@code now}, with from ≤ start &lt; to. */
    synchronized Map<SeriesKey, List<Datapoint>> completed(Instant from, Instant to, Instant now) {
        Map<SeriesKey, List<Datapoint>> out = new HashMap<>();
        if (tailingSince == null) {
            return out;
        }
        long step = RESOLUTION.toMillis();
        long first = Math.max(align(from.toEpochMilli()), align(tailingSince.toEpochMilli()));
        long end = Math.min(to.toEpochMilli(), now.toEpochMilli() - step + 1);
        for (long start = first; start < end; start += step) {
            if (start < from.toEpochMilli()) {
                continue;
            }
            Period p = periods.getOrDefault(start, new Period());
            Instant at = Instant.ofEpochMilli(start);
            add(out, StreamMetrics.RECORDS_READ, "Sum", at, p.records);
            add(out, StreamMetrics.RECORDS_OVER_THRESHOLD, "Sum", at, p.overThreshold);
            add(out, StreamMetrics.TIMESTAMP_ERRORS, "Sum", at, p.timestampErrors);
            if (p.records > 0) {
                long[] sorted = Arrays.copyOf(p.sample, p.sampled);
                Arrays.sort(sorted);
                add(out, StreamMetrics.RECORD_AGE, "Maximum", at, p.maxAge);
                add(out, StreamMetrics.RECORD_AGE, "p50", at, percentile(sorted, 0.50));
                add(out, StreamMetrics.RECORD_AGE, "p99", at, percentile(sorted, 0.99));
                add(out, StreamMetrics.READ_LAG, "Maximum", at, p.maxReadLag);
            }
        }
        periods.headMap(align(now.minus(KEEP).toEpochMilli())).clear();
        return out;
    }

    private void add(Map<SeriesKey, List<Datapoint>> out, String metric, String statistic, Instant at, double value) {
        out.computeIfAbsent(StreamMetrics.key(table, metric, statistic), k -> new ArrayList<>()).add(new Datapoint(at, value));
    }

    /** Nearest-rank percentile of a sorted sample. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private Period period(Instant at) {
        return periods.computeIfAbsent(align(at.toEpochMilli()), k -> new Period());
    }

    private static long align(long millis) {
        long step = RESOLUTION.toMillis();
        return Math.floorDiv(millis, step) * step;
    }

    private static final class Period {
        long records;
        long overThreshold;
        long timestampErrors;
        long maxAge;
        long maxReadLag;
        long[] sample = new long[16];
        int sampled;
    }
}
