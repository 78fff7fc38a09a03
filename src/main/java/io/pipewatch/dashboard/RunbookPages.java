package io.pipewatch.dashboard;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertQueries;
import io.pipewatch.rule.AlarmCatalog;
import java.util.List;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Serves the runbooks in {@code pipewatch.runbooks-dir} ({@code docs/runbooks/<name>.md}) at
 * {@code /runbooks/<name>}, so the runbook links in Slack and on dashboards open without a wiki.
 */
@Path("/runbooks")
@Produces(MediaType.TEXT_HTML)
public class RunbookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance runbook(String name, String html, List<AlarmUsingIt> alarms);
    }

    /**
     * An alarm whose runbook this is, as it stands now, and where to see it: the dashboard's stage that charts what
     * it watches ({@code stageLink}, empty when no stage does).
     */
    public record AlarmUsingIt(String id, String name, String state, String severity, String valueText, String stageTitle,
            String stageLink) {
    }

    private final PipewatchConfig config;
    private final AlarmCatalog alarms;
    private final AlertQueries alerts;
    private final DashboardCatalog dashboards;
    private final DashboardAlerts placed;

    public RunbookPages(PipewatchConfig config, AlarmCatalog alarms, AlertQueries alerts, DashboardCatalog dashboards,
            DashboardAlerts placed) {
        this.config = config;
        this.alarms = alarms;
        this.alerts = alerts;
        this.dashboards = dashboards;
        this.placed = placed;
    }

    @GET
    @Path("/{name}")
    public TemplateInstance runbook(@PathParam("name") String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new NotFoundException();
        }
        var file = config.runbooksDir().resolve(name + ".md");
        if (!Files.isRegularFile(file)) {
            throw new NotFoundException("no runbook " + name);
        }
        try {
            return Templates.runbook(name, RunbookMarkdown.html(Files.readString(file)), usingIt(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alarms that link here (by path or by a URL ending in it), with their state and their stage. */
    private List<AlarmUsingIt> usingIt(String name) {
        String path = "/runbooks/" + name;
        return alarms.all().stream().filter(a -> a.runbook().equals(path) || a.runbook().endsWith(path)).map(a -> {
            var alert = alerts.get(a.id());
            var stage = placed.placeOf(a.id(), dashboards.all());
            return new AlarmUsingIt(a.id(), a.name(), alert.map(x -> x.state().name()).orElse("INSUFFICIENT_DATA"),
                    a.severity().label(), alert.map(Alert::valueText).orElse("no data"),
                    stage.map(DashboardAlerts.StagePlace::title).orElse(""), stage.map(DashboardAlerts.StagePlace::link).orElse(""));
        }).toList();
    }
}
