package io.pipewatch.dashboard;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.signal.SourceException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboards loaded from {@code pipewatch.dashboards-dir} at start, with the problems found in them.
 * Stages given by a name prefix are resolved by discovery every {@code pipewatch.discovery.refresh}, so a
 * new function shows up without a restart; the series the dashboards chart are registered as demand
 * again after each resolution, so the next poll reads them.
 */
@ApplicationScoped
public class DashboardCatalog {

    private final List<DashboardSpec> specs;
    private final DefinitionProblems problems = new DefinitionProblems();
    private final Duration saturationThreshold;
    private final Duration refresh;
    private final SeriesDemand demand;
    private final Optional<ResourceDiscovery> discovery;
    private final Map<StageSpec, DashboardSpec.Found> found = new HashMap<>();
    private volatile List<DashboardDefinition> dashboards;
    private ScheduledExecutorService executor;

    @Inject
    public DashboardCatalog(PipewatchConfig config, SeriesDemand demand, Instance<ResourceDiscovery> discovery) {
        this(config.dashboardsDir(), config.streams().saturationThreshold(), config.discovery().refresh(), demand,
                discovery.stream().findFirst());
    }

    public DashboardCatalog(java.nio.file.Path dir, Duration saturationThreshold, Duration refresh, SeriesDemand demand,
            Optional<ResourceDiscovery> discovery) {
        this.saturationThreshold = saturationThreshold;
        this.refresh = refresh;
        this.demand = demand;
        this.discovery = discovery;
        this.specs = new DashboardLoader(saturationThreshold).specs(dir, problems);
        publish();
    }

    /** Resolves the prefixes now and then every refresh interval, off the caller's thread. */
    public synchronized void startDiscovery() {
        if (executor != null || specs.stream().noneMatch(d -> d.stages().stream().anyMatch(StageSpec::discovered))) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pipewatch-discovery");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                // A scheduled task that throws is never run again: log it and keep refreshing.
                Log.errorf(e, "Discovery refresh failed");
            }
        }, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One resolution of every prefix. A lookup that fails keeps what the last one found: a flaky
     * ListMetrics must not empty a dashboard in the middle of an incident.
     */
    public void refresh() {
        for (DashboardSpec dashboard : specs) {
            for (StageSpec stage : dashboard.stages()) {
                if (stage.discovered()) {
                    resolve(stage);
                }
            }
        }
        publish();
    }

    private void resolve(StageSpec stage) {
        if (discovery.isEmpty()) {
            synchronized (found) {
                found.put(stage, new DashboardSpec.Found(List.of(), "no discovery in this mode"));
            }
            return;
        }
        try {
            List<String> resources = discovery.get().find(stage.type().discovery(stage.prefix(), stage.tags(), stage.namespace()));
            synchronized (found) {
                found.put(stage, new DashboardSpec.Found(resources, "no resource found"));
            }
        } catch (SourceException | RuntimeException e) {
            Log.warnf("Discovering %s %s failed: %s", stage.type().spelling(), stage.selector(), e.getMessage());
            synchronized (found) {
                var last = found.get(stage);
                if (last == null || last.resources().isEmpty()) {
                    found.put(stage, new DashboardSpec.Found(List.of(), "discovery failed: " + e.getMessage()));
                }
            }
        }
    }

    private void publish() {
        Map<StageSpec, DashboardSpec.Found> snapshot;
        synchronized (found) {
            snapshot = Map.copyOf(found);
        }
        List<DashboardDefinition> resolved = specs.stream().map(d -> d.resolve(snapshot, saturationThreshold)).toList();
        dashboards = resolved;
        demand.register("dashboards", resolved.stream().flatMap(d -> d.seriesKeys().stream()).toList());
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

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
