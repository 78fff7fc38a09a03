package io.pipewatch.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.config.Wall;
import io.pipewatch.notify.delivery.DeliveryQueries;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SourceQueries;
import io.pipewatch.signal.SourceStatus;
import io.pipewatch.silence.Silence;
import io.pipewatch.silence.SilenceQueries;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** An alert's page, {@code /alerts/{id}}; the same record as JSON is {@link AlertHistoryApi}. */
@Path("/alerts")
@jakarta.inject.Singleton
public class AlertPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alert(AlertHistory history, String chartJson, List<SourceStatus> sources,
                DashboardPages.PageTime time);
    }

    private final AlertQueries alerts;
    private final AlarmCatalog alarms;
    private final SeriesStore store;
    private final DeliveryQueries delivery;
    private final SilenceQueries silences;
    private final DashboardCatalog dashboards;
    private final DashboardAlerts placed;
    private final SourceQueries sources;
    private final ScaledClock evaluation;
    private final Clock wall;
    private final ObjectMapper json;

    public AlertPages(AlertQueries alerts, AlarmCatalog alarms, SeriesStore store, DeliveryQueries delivery,
            SilenceQueries silences, DashboardCatalog dashboards, DashboardAlerts placed, SourceQueries sources,
            ScaledClock evaluation, @Wall Clock wall, ObjectMapper json) {
        this.alerts = alerts;
        this.alarms = alarms;
        this.store = store;
        this.delivery = delivery;
        this.silences = silences;
        this.dashboards = dashboards;
        this.placed = placed;
        this.sources = sources;
        this.evaluation = evaluation;
        this.wall = wall;
        this.json = json;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@PathParam("id") String id) throws JsonProcessingException {
        AlertHistory history = historyOf(id);
        // Times are read on the clock they were made on: CloudWatch's reports on the wall, Pipewatch's on the evaluation clock.
        var time = history.alert().source().equals(Alert.CLOUDWATCH) ? new DashboardPages.PageTime(wall.instant(), 1)
                : new DashboardPages.PageTime(evaluation.instant(), evaluation.speed());
        return Templates.alert(history, json.writeValueAsString(history.chart()), sources.statuses(), time);
    }

    AlertHistory historyOf(String id) {
        Alert alert = alerts.get(id).orElseThrow(() -> new NotFoundException("no alert " + id));
        var alarm = alarms.byId(id).orElse(null);
        Instant now = wall.instant();
        // Every silence that matches the alert, current or past: who kept it quiet, and when.
        List<Silence> touching = silences.all().stream().filter(s -> s.matches(alert))
                .sorted(Comparator.comparing(Silence::startsAt).reversed()).toList();
        String stageLink = placed.placeOf(id, dashboards.all()).map(DashboardAlerts.StagePlace::link).orElse(alert.dashboard());
        Instant chartNow = alert.source().equals(Alert.CLOUDWATCH) ? now : evaluation.instant();
        return new AlertHistory(alert, stageLink, alert.transitions(), delivery.noticesOf(id), alert.ack(), touching,
                AlertHistory.chart(alert, alarm, store, chartNow));
    }
}
