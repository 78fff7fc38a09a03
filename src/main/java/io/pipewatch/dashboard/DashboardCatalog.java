package io.pipewatch.dashboard;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.signal.SeriesDemand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** The dashboards loaded from {@code pipewatch.dashboards-dir} at start, with the problems found in them. */
@ApplicationScoped
public class DashboardCatalog {

    private final List<DashboardDefinition> dashboards;
    private final DefinitionProblems problems = new DefinitionProblems();

    public DashboardCatalog(PipewatchConfig config, SeriesDemand demand) {
        this.dashboards = List.copyOf(new DashboardLoader(config.streams().saturationThreshold()).load(config.dashboardsDir(), problems));
        demand.register("dashboards", dashboards.stream().flatMap(d -> d.seriesKeys().stream()).toList());
    }

    public List<DashboardDefinition> all() {
        return dashboards;
    }

    public Optional<DashboardDefinition> byId(String id) {
        return dashboards.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public DefinitionProblems problems() {
        return problems;
    }
}
