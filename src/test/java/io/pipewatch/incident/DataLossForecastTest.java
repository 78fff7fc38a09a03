package io.pipewatch.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.ImpactMetrics;
import io.pipewatch.signal.SeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Time to data loss on iterator ages with a known slope, and none for a flat or falling age. */
class DataLossForecastTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:10:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void anAgeGrowingOneSecondPerSecondLosesDataWhenItReachesTheRetention() {
        // 6 h behind, growing 1 s/s: the other 18 h are left.
        var ages = ages(t -> 6 * 3_600_000.0 + t);
        assertEquals(Optional.of(Duration.ofHours(18)), DataLossForecast.timeToDataLoss(ages, DAY, NOW));
    }

    @Test
    void aSlowerGrowthLeavesProportionallyLonger() {
        // 2 h behind, growing 0.5 s/s: 22 h left at half speed is 44 h.
        var ages = ages(t -> 2 * 3_600_000.0 + 0.5 * t);
        assertEquals(Optional.of(Duration.ofHours(44)), DataLossForecast.timeToDataLoss(ages, DAY, NOW));
    }

    @Test
    void aFlatFallingOrBarelyRisingAgePredictsNothing() {
        assertEquals(Optional.empty(), DataLossForecast.timeToDataLoss(ages(t -> 45_000.0), DAY, NOW));
        assertEquals(Optional.empty(), DataLossForecast.timeToDataLoss(ages(t -> 600_000.0 - (t + 240_000)), DAY, NOW));
        assertEquals(Optional.empty(), DataLossForecast.timeToDataLoss(ages(t -> 300_000.0 + 0.04 * t), DAY, NOW));
    }

    @Test
    void anAgePastTheRetentionIsLossNowAndTooFewPointsTellNothing() {
        assertEquals(Optional.of(Duration.ZERO), DataLossForecast.timeToDataLoss(ages(t -> 25 * 3_600_000.0), DAY, NOW));
        var two = ages(t -> 300_000.0 + t).subList(0, 2);
        assertEquals(Optional.empty(), DataLossForecast.timeToDataLoss(two, DAY, NOW));
    }

    @Test
    void afterEachPollTheForecastIsWrittenForEveryKinesisStageByItsRetention() {
        var store = new SeriesStore(100);
        ages(t -> 30_000.0 + t).forEach(p -> store.put(DataLossSeries.iteratorAge("device-logs"), p));
        var stream = new PipelineStage("stage-0", "kinesis-stream", "device-logs", "Device logs", Set.of(), List.of(),
                Optional.of(Duration.ofHours(48)));
        var quiet = new PipelineStage("stage-1", "kinesis-stream", "quiet", "Quiet", Set.of(), List.of(), Optional.of(DAY));
        Pipelines pipelines = () -> List.of(new Pipeline("p", "P", List.of(stream, quiet)));

        new DataLossSeries(pipelines, store).forecast(NOW);

        var written = store.range(ImpactMetrics.secondsToDataLoss("device-logs"), NOW, NOW.plusSeconds(1));
        assertEquals(List.of(new Datapoint(NOW, 48 * 3600 - 30)), written);
        assertEquals(List.of(), store.range(ImpactMetrics.secondsToDataLoss("quiet"), NOW.minusSeconds(600), NOW.plusSeconds(1)));
        assertEquals(Set.of("device-logs"), store.keys().stream().filter(k -> k.metric().namespace().equals(ImpactMetrics.NAMESPACE))
                .map(k -> k.metric().dimensions().get("StreamName")).collect(java.util.stream.Collectors.toSet()));
    }

    /** One point a minute over the last 5 minutes, the age given by milliseconds relative to now (0 or less). */
    private static List<Datapoint> ages(LongToDoubleFunction age) {
        List<Datapoint> out = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            long t = -Duration.ofMinutes(i).toMillis();
            out.add(new Datapoint(NOW.plusMillis(t), age.applyAsDouble(t)));
        }
        return out;
    }

}
