package io.pipewatch.dashboard;

import io.pipewatch.incident.Pipeline;
import io.pipewatch.incident.PipelineStage;
import io.pipewatch.incident.Pipelines;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The pipelines as the dashboards describe them, for incidents: each dashboard is one pipeline, its stages in order. */
@ApplicationScoped
public class DashboardPipelines implements Pipelines {

    private final DashboardCatalog catalog;

    public DashboardPipelines(DashboardCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Pipeline> all() {
        return catalog.all().stream().map(DashboardPipelines::pipeline).toList();
    }

    static Pipeline pipeline(DashboardDefinition d) {
        return new Pipeline(d.id(), d.title(), d.stages().stream()
                .map(s -> new PipelineStage(s.id(), s.type().spelling(), s.resource(), s.title(),
                        DashboardDefinition.metricsOf(s), s.feeds(), s.capacity()))
                .toList());
    }
}
