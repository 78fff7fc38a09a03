package io.pipewatch.dashboard;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.ShutdownOrder;
import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SourceException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
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
    private final Map<SeriesKey, Double> bands;
    private final Duration refresh;
    private final SeriesDemand demand;
    private final Optional<ResourceDiscovery> discovery;
    private final Map<StageSpec, DashboardSpec.Found> found = new HashMap<>();
    private volatile List<DashboardDefinition> dashboards;
    /** Written under the lock by start(); volatile so that the stop reads it without waiting on that lock. */
    private volatile ScheduledExecutorService executor;

    @Inject
    public DashboardCatalog(PipewatchConfig config, SeriesDemand demand, Instance<ResourceDiscovery> discovery,
            io.pipewatch.rule.AlarmCatalog alarms) {
        this(config.dashboardsDir(), config.streams().saturationThreshold(), config.discovery().refresh(), demand,
                discovery.stream().findFirst(), bands(alarms.all()));
    }

    public DashboardCatalog(java.nio.file.Path dir, Duration saturationThreshold, Duration refresh, SeriesDemand demand,
            Optional<ResourceDiscovery> discovery) {
        this(dir, saturationThreshold, refresh, demand, discovery, Map.of());
    }

    /**
     * @param bands the anomaly band width of each series an alarm compares with a band: its charts draw the band,
     *     which the alarm polls anyway, so drawing it costs nothing
     */
    public DashboardCatalog(java.nio.file.Path dir, Duration saturationThreshold, Duration refresh, SeriesDemand demand,
            Optional<ResourceDiscovery> discovery, Map<SeriesKey, Double> bands) {
        this.bands = Map.copyOf(bands);
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
        List<DashboardDefinition> resolved = specs.stream().map(d -> withBands(d.resolve(snapshot, saturationThreshold))).toList();
        dashboards = resolved;
        demand.register("dashboards", resolved.stream().flatMap(d -> d.seriesKeys().stream()).toList());
    }

    static Map<SeriesKey, Double> bands(List<io.pipewatch.rule.AlarmDefinition> alarms) {
        Map<SeriesKey, Double> out = new HashMap<>();
        alarms.forEach(a -> a.bandOf().ifPresent(of -> out.putIfAbsent(of, a.criteria().threshold())));
        return out;
    }

    /** Each charted series an anomaly alarm watches gets its expected band beside it, in the same unit and scale. */
    private DashboardDefinition withBands(DashboardDefinition d) {
        if (bands.isEmpty()) {
            return d;
        }
        List<Stage> stages = d.stages().stream().map(stage -> new Stage(stage.id(), stage.type(), stage.resource(), stage.title(),
                stage.panels().stream().map(panel -> {
                    List<PanelSeries> series = new java.util.ArrayList<>(panel.series());
                    for (PanelSeries line : panel.series()) {
                        Double width = line.key() == null ? null : bands.get(line.key());
                        if (width != null) {
                            series.add(PanelSeries.of(BandEdge.lower(line.key(), width), "expected (low)", line.unit(), line.perSecond()));
                            series.add(PanelSeries.of(BandEdge.upper(line.key(), width), "expected (high)", line.unit(), line.perSecond()));
                        }
                    }
                    return new Panel(panel.signal(), panel.title(), List.copyOf(series), panel.reference(), panel.referenceLabel());
                }).toList(), stage.feeds(), stage.capacity())).toList();
        return new DashboardDefinition(d.id(), d.title(), d.description(), stages, d.file());
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

    /** Stops with the inputs; a discovery under way finishes (see {@link ShutdownOrder}). */
    void stopDiscovering(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(ShutdownOrder.INPUTS) ShutdownEvent shutdown) {
        ShutdownOrder.finish(executor);
    }

    @jakarta.annotation.PreDestroy
    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
