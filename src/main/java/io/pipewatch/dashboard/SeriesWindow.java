package io.pipewatch.dashboard;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
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
 * division by zero) gives no point, as in CloudWatch, rather than a guessed one. A {@code perSecond}
 * series is turned from a per-period sum into a rate here, once, so the page and {@code /api} users
 * see the same numbers.
 */
final class SeriesWindow {

    private SeriesWindow() {
    }

    static Map<String, List<double[]>> of(DashboardDefinition dashboard, SeriesStore store, Instant from, Instant to) {
        return of(dashboard, store, from, to, null);
    }

    /**
     * @param older the points of series from before what the store keeps (read once per window and shared, see
     *     {@code signal.HistoryCache}); asked only when a series' window starts before its oldest stored point
     */
    static Map<String, List<double[]>> of(DashboardDefinition dashboard, SeriesStore store, Instant from, Instant to,
            java.util.function.Function<java.util.Set<SeriesKey>, Map<SeriesKey, List<Datapoint>>> older) {
        // Each stored series read once: what it holds decides whether older points are asked for, then is drawn.
        Map<SeriesKey, List<Datapoint>> kept = new HashMap<>();
        dashboard.stages().stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .flatMap(series -> series.keys().stream()).forEach(key -> kept.computeIfAbsent(key, k -> store.range(k, from, to)));
        java.util.Set<SeriesKey> missing = new java.util.TreeSet<>(java.util.Comparator.comparing(SeriesKey::id));
        // Live updates (no older source given) cover the last minutes, which the store always holds.
        if (older != null) {
            kept.forEach((key, points) -> {
                if (points.isEmpty() || points.get(0).timestamp().isAfter(from.plus(java.time.Duration.ofMinutes(5)))) {
                    missing.add(key);
                }
            });
        }
        Map<SeriesKey, List<Datapoint>> history = missing.isEmpty() ? Map.of() : older.apply(missing);
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        dashboard.stages().stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .forEach(series -> out.computeIfAbsent(series.id(), id -> points(series, key -> merged(kept.get(key), from, to,
                        history.getOrDefault(key, List.of())))));
        return out;
    }

    /** What the store keeps of the window, after what the source gave for the time before it. */
    private static List<Datapoint> merged(List<Datapoint> kept, Instant from, Instant to, List<Datapoint> older) {
        if (older.isEmpty()) {
            return kept;
        }
        Instant keptFrom = kept.isEmpty() ? to : kept.get(0).timestamp();
        List<Datapoint> out = new java.util.ArrayList<>();
        for (Datapoint p : older) {
            if (!p.timestamp().isBefore(from) && p.timestamp().isBefore(keptFrom)) {
                out.add(p);
            }
        }
        out.addAll(kept);
        return out;
    }

    /** The spacing assumed when a window holds a single point: CloudWatch's standard resolution. */
    static final long DEFAULT_PERIOD_MILLIS = 60_000;

    private static List<double[]> points(PanelSeries series, java.util.function.Function<SeriesKey, List<Datapoint>> read) {
        List<double[]> points = values(series, read);
        return series.perSecond() ? perSecond(points) : points;
    }

    /**
     * Divides each per-period sum by the series' period, read as the median spacing of its points: the
     * demo writes every 10 s and CloudWatch every 60 s, and a gap (a missed poll) must not halve the rate.
     */
    static List<double[]> perSecond(List<double[]> points) {
        long[] gaps = new long[Math.max(0, points.size() - 1)];
        for (int i = 1; i < points.size(); i++) {
            gaps[i - 1] = (long) (points.get(i)[0] - points.get(i - 1)[0]);
        }
        java.util.Arrays.sort(gaps);
        long period = gaps.length == 0 ? DEFAULT_PERIOD_MILLIS : Math.max(1, gaps[gaps.length / 2]);
        return points.stream().map(p -> new double[] {p[0], p[1] * 1000.0 / period}).toList();
    }

    private static List<double[]> values(PanelSeries series, java.util.function.Function<SeriesKey, List<Datapoint>> read) {
        if (series.expression() == null) {
            return read.apply(series.key()).stream()
                    .map(p -> new double[] {p.timestamp().toEpochMilli(), p.value()}).toList();
        }
        Map<Long, Map<String, Double>> byTime = new TreeMap<>();
        series.inputs().forEach((name, key) -> {
            for (Datapoint p : read.apply(key)) {
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
