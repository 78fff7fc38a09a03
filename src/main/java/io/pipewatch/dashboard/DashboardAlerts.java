package io.pipewatch.dashboard;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.AlarmDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/** Finds the alarms that belong beside a stage (those watching a metric the stage charts) and their alerts. */
@ApplicationScoped
public class DashboardAlerts {

    private final AlarmCatalog alarms;
    private final AlertQueries tracker;

    public DashboardAlerts(AlarmCatalog alarms, AlertQueries tracker) {
        this.alarms = alarms;
        this.tracker = tracker;
    }

    /** The alarms on a metric the stage charts, or on what Pipewatch predicts for it (a stream's time to data loss). */
    public List<AlarmDefinition> alarmsOf(Stage stage) {
        var metrics = new java.util.HashSet<>(DashboardDefinition.metricsOf(stage));
        if (stage.type() == StageType.KINESIS_STREAM) {
            metrics.add(io.pipewatch.signal.ImpactMetrics.secondsToDataLoss(stage.resource()).metric());
        }
        return alarms.all().stream().filter(a -> a.metrics().stream().anyMatch(metrics::contains)).toList();
    }

    /** The stage an alarm is shown beside, and the link to it: the first of the dashboards that places it. */
    public record StagePlace(String title, String link) {
    }

    public java.util.Optional<StagePlace> placeOf(String alarmId, List<DashboardDefinition> dashboards) {
        return dashboards.stream().flatMap(d -> d.stages().stream()
                .filter(s -> alarmsOf(s).stream().anyMatch(a -> a.id().equals(alarmId)))
                .map(s -> new StagePlace(s.title(), "/dashboards/" + d.id() + "#" + s.id()))).findFirst();
    }

    public List<Alert> alertsOf(DashboardDefinition dashboard) {
        return dashboard.stages().stream().flatMap(s -> alarmsOf(s).stream())
                .map(a -> tracker.get(a.id()).orElse(null))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }
}
