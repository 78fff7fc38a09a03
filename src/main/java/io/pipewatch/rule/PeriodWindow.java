package io.pipewatch.rule;

import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts an alarm's evaluation range out of the store: one value per complete period, aligned to
 * multiples of the period, oldest first, null where a period has no datapoint.
 */
public final class PeriodWindow {

    private PeriodWindow() {
    }

    /**
     * When to evaluate an alarm: no later than the least complete of its series (a source such as
     * CloudWatch delivers minutes late, and its missing tail is not missing data), else {@code latest}.
     */
    public static Instant evaluationTime(AlarmDefinition alarm, SeriesStore store, Instant latest) {
        Instant at = latest;
        for (SeriesKey key : alarm.seriesKeys()) {
            Instant complete = store.completeTo(key).orElse(latest);
            if (complete.isBefore(at)) {
                at = complete;
            }
        }
        return at;
    }

    public static List<Double> values(AlarmDefinition alarm, SeriesStore store, Instant now) {
        return range(alarm, store, now).values();
    }

    /** The evaluation range ending at the last complete period before {@code now}, with each period's band and sample count when the alarm reads them. */
    public static EvaluationRange range(AlarmDefinition alarm, SeriesStore store, Instant now) {
        return window(alarm, store, now, AlarmEvaluator.rangeLength(alarm.criteria()));
    }

    /** When each reading of {@link #window} begins: the period starts, oldest first. */
    public static List<Instant> periodStarts(AlarmDefinition alarm, Instant now, int length) {
        long periodMillis = alarm.period().toMillis();
        long end = Math.floorDiv(now.toEpochMilli(), periodMillis) * periodMillis;
        List<Instant> out = new ArrayList<>(length);
        for (int p = 0; p < length; p++) {
            out.add(Instant.ofEpochMilli(end - (length - p) * periodMillis));
        }
        return out;
    }

    /**
     * The last {@code length} complete periods before {@code now}, read as the alarm reads them (its statistic or
     * expression per period, its band and sample counts): the evaluation range, or a longer history for a chart.
     */
    public static EvaluationRange window(AlarmDefinition alarm, SeriesStore store, Instant now, int length) {
        long periodMillis = alarm.period().toMillis();
        long end = Math.floorDiv(now.toEpochMilli(), periodMillis) * periodMillis;
        long start = end - length * periodMillis;
        List<Double> values = values(alarm, store, start, periodMillis, length);
        List<Double> lower = alarm.bandOf().map(of -> values(BandEdge.lower(of, alarm.criteria().threshold()), store, start,
                periodMillis, length)).orElse(null);
        List<Double> upper = alarm.bandOf().map(of -> values(BandEdge.upper(of, alarm.criteria().threshold()), store, start,
                periodMillis, length)).orElse(null);
        List<Double> samples = alarm.sampleCountOf().map(key -> values(key, store, start, periodMillis, length)).orElse(null);
        List<Reading> readings = new ArrayList<>(length);
        for (int p = 0; p < length; p++) {
            Band band = lower == null || lower.get(p) == null || upper.get(p) == null ? null
                    : new Band(Math.min(lower.get(p), upper.get(p)), Math.max(lower.get(p), upper.get(p)));
            readings.add(new Reading(values.get(p), band, samples == null ? null : samples.get(p)));
        }
        return new EvaluationRange(readings);
    }

    private static List<Double> values(AlarmDefinition alarm, SeriesStore store, long start, long periodMillis, int length) {
        if (alarm.expression().isEmpty()) {
            return values(alarm.inputs().get(0).series(), store, start, periodMillis, length);
        }
        Map<String, List<Double>> byId = new HashMap<>();
        for (AlarmInput input : alarm.inputs()) {
            byId.put(input.id(), values(input.series(), store, start, periodMillis, length));
        }
        List<Double> out = new ArrayList<>(length);
        for (int p = 0; p < length; p++) {
            Map<String, Double> period = new HashMap<>();
            for (var entry : byId.entrySet()) {
                period.put(entry.getKey(), entry.getValue().get(p));
            }
            out.add(alarm.expression().get().evaluate(period));
        }
        return out;
    }

    private static List<Double> values(SeriesKey key, SeriesStore store, long start, long periodMillis, int length) {
        List<Datapoint> points = store.range(key, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + length * periodMillis));
        List<Double> out = new ArrayList<>(length);
        int i = 0;
        for (int p = 0; p < length; p++) {
            long periodEnd = start + (p + 1) * periodMillis;
            List<Datapoint> inPeriod = new ArrayList<>();
            while (i < points.size() && points.get(i).timestamp().toEpochMilli() < periodEnd) {
                inPeriod.add(points.get(i++));
            }
            out.add(inPeriod.isEmpty() ? null : Statistic.rollUp(key.statistic(), inPeriod));
        }
        return out;
    }
}
