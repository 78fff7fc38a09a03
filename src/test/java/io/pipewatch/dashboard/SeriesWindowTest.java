package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metric math on the shipped dashboard: computed per timestamp from stored series, missing where an input is. */
class SeriesWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");

    @Test
    void lambdaErrorRateIsComputedPerPeriodAndMissingWhereAnInputIs() {
        var dashboard = new DashboardLoader(Duration.ofMinutes(10)).load(Path.of("dashboards"), new DefinitionProblems()).get(0);
        var store = new SeriesStore(100);
        put(store, "Errors", 0, 5);
        put(store, "Invocations", 0, 200);
        put(store, "Errors", 60, 1);          // no Invocations datapoint at 60 s
        put(store, "Errors", 120, 3);
        put(store, "Invocations", 120, 0);    // division by zero
        put(store, "Errors", 180, 30);
        put(store, "Invocations", 180, 120);

        var errors = dashboard.stages().get(1).panels().get(2).series().get(0);
        assertEquals("%", errors.unit());
        var window = SeriesWindow.of(dashboard, store, T0, T0.plusSeconds(600));
        var points = window.get(errors.id());
        assertEquals(List.of("0=2.5", "180=25.0"),
                points.stream().map(p -> ((long) p[0] - T0.toEpochMilli()) / 1000 + "=" + p[1]).toList());
        assertEquals(false, window.containsKey("AWS/Lambda Errors{FunctionName=ingest-impressions}:Sum"),
                "only charted series are in the window; the inputs of math are not sent on their own");
        assertEquals(true, dashboard.seriesKeys().contains(key("Invocations")), "the inputs are polled");
    }

    @Test
    void aPerPeriodSumBecomesARateByTheSeriesOwnPeriodAndAGapDoesNotHalveIt() {
        long t0 = T0.toEpochMilli();
        // 10-second points (the demo), one missed poll between 20 s and 40 s.
        var rates = SeriesWindow.perSecond(List.of(new double[] {t0, 100}, new double[] {t0 + 10_000, 50},
                new double[] {t0 + 20_000, 0}, new double[] {t0 + 40_000, 200}));
        assertEquals(List.of(10.0, 5.0, 0.0, 20.0), rates.stream().map(p -> p[1]).toList());
        assertEquals(List.of(0.5), SeriesWindow.perSecond(List.<double[]>of(new double[] {t0, 30})).stream().map(p -> p[1]).toList(),
                "a lone point is read at CloudWatch's 60 s");
    }

    @Test
    void theApiServesRatesForPerSecondSeriesSoPageAndScriptsAgree() {
        var dashboard = new DashboardLoader(Duration.ofMinutes(10)).load(Path.of("dashboards"), new DefinitionProblems()).get(0);
        var rate = dashboard.stages().stream().flatMap(s -> s.panels().stream()).flatMap(p -> p.series().stream())
                .filter(PanelSeries::perSecond).filter(s -> s.key() != null).findFirst().orElseThrow();
        var store = new SeriesStore(100);
        store.put(rate.key(), new Datapoint(T0, 600));
        store.put(rate.key(), new Datapoint(T0.plusSeconds(60), 1200));
        var points = SeriesWindow.of(dashboard, store, T0, T0.plusSeconds(600)).get(rate.id());
        assertEquals(List.of(10.0, 20.0), points.stream().map(p -> p[1]).toList(), rate.label() + " per second");
    }

    @Test
    void aWindowOlderThanTheStoreIsFilledFromTheSourceBeforeWhatTheStoreKeeps() {
        var dashboard = new DashboardLoader(Duration.ofMinutes(10)).load(Path.of("dashboards"), new DefinitionProblems()).get(0);
        var store = new SeriesStore(100);
        put(store, "Errors", 3600, 7);
        put(store, "Invocations", 3600, 70);
        java.util.Set<SeriesKey> asked = new java.util.HashSet<>();
        var window = SeriesWindow.of(dashboard, store, T0, T0.plusSeconds(3660), keys -> {
            asked.addAll(keys);
            // The source's older points, one of them inside what the store keeps: the store's wins there.
            return Map.of(key("Errors"), List.of(new Datapoint(T0, 1), new Datapoint(T0.plusSeconds(3600), 999)),
                    key("Invocations"), List.of(new Datapoint(T0, 100)));
        });
        var errors = dashboard.stages().get(1).panels().get(2).series().get(0);
        assertEquals(List.of("0=1.0", "3600=10.0"), window.get(errors.id()).stream()
                .map(p -> ((long) p[0] - T0.toEpochMilli()) / 1000 + "=" + p[1]).toList());
        assertEquals(true, asked.contains(key("Errors")), "asked only for series the store does not cover: " + asked.size());

        asked.clear();
        SeriesWindow.of(dashboard, store, T0.plusSeconds(3600), T0.plusSeconds(3660), keys -> {
            asked.addAll(keys);
            return Map.of();
        });
        assertEquals(false, asked.contains(key("Errors")), "a window the store covers asks the source nothing for it");
    }

    private static void put(SeriesStore store, String metric, int second, double value) {
        store.put(key(metric), new Datapoint(T0.plusSeconds(second), value));
    }

    private static SeriesKey key(String metric) {
        return new SeriesKey(MetricId.of("AWS/Lambda", metric, Map.of("FunctionName", "ingest-impressions")), "Sum");
    }
}
