package io.pipewatch.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A dashboard from {@code dashboards/<id>.yaml}: a pipeline's stages, in data-flow order. */
public record DashboardDefinition(String id, String title, String description, List<Stage> stages,
        @JsonIgnore Path file) {

    @JsonIgnore
    public List<SeriesKey> seriesKeys() {
        return stages.stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .flatMap(s -> s.keys().stream()).distinct().toList();
    }

    /** The metrics a stage charts, to find the alarms that belong beside it. */
    static Set<MetricId> metricsOf(Stage stage) {
        return stage.panels().stream().flatMap(p -> p.series().stream())
                .flatMap(s -> s.keys().stream()).map(SeriesKey::metric)
                .collect(Collectors.toSet());
    }
}
