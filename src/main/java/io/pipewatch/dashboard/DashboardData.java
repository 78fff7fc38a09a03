package io.pipewatch.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipewatch.alert.Alert;
import java.util.List;
import java.util.Map;

/**
 * What a dashboard page draws, and what each live update carries: series points and alert states; {@code units}, the
 * unit of each series by id (in answers to {@code /data}; a live update's series are those the page already has).
 */
public record DashboardData(long now, Map<String, List<double[]>> series, List<Alert> alerts,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> units) {

    /** The unit of every series the dashboard charts, by series id. */
    static Map<String, String> unitsOf(DashboardDefinition dashboard) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        dashboard.stages().stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .forEach(s -> out.putIfAbsent(s.id(), s.unit()));
        return out;
    }
}
