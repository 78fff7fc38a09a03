package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.rule.AlarmLoader;
import io.pipewatch.signal.SeriesDemand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A chart of a metric that an anomaly alarm watches shows the band the alarm compares with; other charts do not change. */
class AnomalyBandPanelTest {

    @Test
    void theShippedTrafficBandIsDrawnBesideIncomingRecordsAndPolledOnce() {
        var problems = new DefinitionProblems();
        var alarms = new AlarmLoader().load(Path.of("alarms"), problems);
        assertTrue(problems.isEmpty(), problems.report());
        var demand = new SeriesDemand();
        var catalog = new DashboardCatalog(Path.of("dashboards"), Duration.ofMinutes(10), Duration.ofMinutes(10), demand,
                Optional.empty(), DashboardCatalog.bands(alarms));

        var stream = catalog.all().get(0).stages().get(0);
        var traffic = stream.panels().stream().filter(p -> p.signal().equals("traffic")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("IncomingRecords", "expected (low)", "expected (high)"),
                traffic.series().stream().map(PanelSeries::label).toList());
        assertEquals("AWS/Kinesis IncomingRecords{StreamName=device-logs}:Sum:band_upper:2", traffic.series().get(2).id());
        assertTrue(traffic.series().get(2).perSecond(), "scaled as the line it surrounds");
        long banded = catalog.all().get(0).stages().stream().flatMap(s -> s.panels().stream())
                .flatMap(p -> p.series().stream()).filter(s -> s.label().startsWith("expected")).count();
        assertEquals(2, banded, "only the watched series has a band");
    }
}
