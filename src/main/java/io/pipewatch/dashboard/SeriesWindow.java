package io.pipewatch.dashboard;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The points of a dashboard's series over a window, as {@code {seriesId: [[epochMillis, value], …]}}. */
final class SeriesWindow {

    private SeriesWindow() {
    }

    static Map<String, List<double[]>> of(DashboardDefinition dashboard, SeriesStore store, Instant from, Instant to) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (var key : dashboard.seriesKeys()) {
            List<Datapoint> points = store.range(key, from, to);
            out.put(key.id(), points.stream()
                    .map(p -> new double[] {p.timestamp().toEpochMilli(), p.value()})
                    .toList());
        }
        return out;
    }
}
