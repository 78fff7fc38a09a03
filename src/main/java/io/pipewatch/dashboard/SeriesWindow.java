package io.pipewatch.dashboard;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of a dashboard's series over a window, as {@code {seriesId: [[epochMillis, value], …]}}.
 * Metric math is computed here, timestamp by timestamp; a timestamp where an input has no point (or a
 * division by zero) gives no point, as in CloudWatch, rather than a guessed one.
 */
final class SeriesWindow {

    private SeriesWindow() {
    }

    static Map<String, List<double[]>> of(DashboardDefinition dashboard, SeriesStore store, Instant from, Instant to) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        dashboard.stages().stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .forEach(series -> out.computeIfAbsent(series.id(), id -> points(series, store, from, to)));
        return out;
    }

    private static List<double[]> points(PanelSeries series, SeriesStore store, Instant from, Instant to) {
        if (series.expression() == null) {
            return store.range(series.key(), from, to).stream()
                    .map(p -> new double[] {p.timestamp().toEpochMilli(), p.value()}).toList();
        }
        Map<Long, Map<String, Double>> byTime = new TreeMap<>();
        series.inputs().forEach((name, key) -> {
            for (Datapoint p : store.range(key, from, to)) {
                byTime.computeIfAbsent(p.timestamp().toEpochMilli(), t -> new HashMap<>()).put(name, p.value());
            }
        });
        return byTime.entrySet().stream()
                .map(e -> new Object[] {e.getKey(), series.expression().evaluate(e.getValue())})
                .filter(e -> e[1] != null)
                .map(e -> new double[] {(Long) e[0], (Double) e[1]})
                .toList();
    }
}
