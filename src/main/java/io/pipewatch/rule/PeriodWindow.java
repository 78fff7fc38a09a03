package io.pipewatch.rule;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an alarm's evaluation range out of the store: one value per complete period, aligned to
 * multiples of the period, oldest first, null where a period has no datapoint.
 */
public final class PeriodWindow {

    private PeriodWindow() {
    }

    public static List<Double> values(AlarmDefinition alarm, SeriesStore store, Instant now) {
        long periodMillis = alarm.period().toMillis();
        long end = Math.floorDiv(now.toEpochMilli(), periodMillis) * periodMillis;
        int length = AlarmEvaluator.rangeLength(alarm.criteria());
        long start = end - length * periodMillis;
        List<Datapoint> points = store.range(alarm.series(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
        List<Double> out = new ArrayList<>(length);
        int i = 0;
        for (int p = 0; p < length; p++) {
            long periodEnd = start + (p + 1) * periodMillis;
            List<Datapoint> inPeriod = new ArrayList<>();
            while (i < points.size() && points.get(i).timestamp().toEpochMilli() < periodEnd) {
                inPeriod.add(points.get(i++));
            }
            out.add(inPeriod.isEmpty() ? null : Statistic.rollUp(alarm.statistic(), inPeriod));
        }
        return out;
    }
}
