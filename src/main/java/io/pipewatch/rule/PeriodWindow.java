package io.pipewatch.rule;

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
        long periodMillis = alarm.period().toMillis();
        long end = Math.floorDiv(now.toEpochMilli(), periodMillis) * periodMillis;
        int length = AlarmEvaluator.rangeLength(alarm.criteria());
        long start = end - length * periodMillis;
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
