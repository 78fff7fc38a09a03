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

/** Time to data loss on iterator ages with a known slope (none for a flat or falling age), and throughput headroom. */
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
    void aDeadlineBeyondAWeekIsNotForecast() {
        // 0.06 s/s over 24 h of retention: 16 days away (a 30-minute demo run showed "data loss in ~18 d" beside a storm).
        assertEquals(Optional.empty(), DataLossForecast.timeToDataLoss(ages(t -> 1_000.0 + 0.06 * t), DAY, NOW));
        var sevenDaysRetention = Duration.ofDays(7);
        assertEquals(Optional.of(Duration.ofHours(168).minusSeconds(1)), DataLossForecast.timeToDataLoss(ages(t -> 1_000.0 + t),
                sevenDaysRetention, NOW), "within the week: forecast");
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
        ages(t -> 30_000.0 + t).forEach(p -> store.put(ImpactSeries.iteratorAge("device-logs"), p));
        var stream = new PipelineStage("stage-0", "kinesis-stream", "device-logs", "Device logs", Set.of(), List.of(),
                StageCapacity.DEFAULT.withRetention(Duration.ofHours(48)));
        var quiet = new PipelineStage("stage-1", "kinesis-stream", "quiet", "Quiet", Set.of(), List.of());
        Pipelines pipelines = () -> List.of(new Pipeline("p", "P", List.of(stream, quiet)));

        new ImpactSeries(pipelines, store).forecast(NOW);

        var written = store.range(ImpactMetrics.secondsToDataLoss("device-logs"), NOW, NOW.plusSeconds(1));
        assertEquals(List.of(new Datapoint(NOW, 48 * 3600 - 30)), written);
        assertEquals(List.of(), store.range(ImpactMetrics.secondsToDataLoss("quiet"), NOW.minusSeconds(600), NOW.plusSeconds(1)));
        assertEquals(Set.of("device-logs"), store.keys().stream().filter(k -> k.metric().namespace().equals(ImpactMetrics.NAMESPACE))
                .map(k -> k.metric().dimensions().get("StreamName")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void headroomIsWhatTheConsumerCanDrainOverWhatComesIn() {
        // 100 records/s in; one shard, batches of 100 taking 500 ms: 200 records/s out.
        var incoming = perMinute(6_000);
        var fast = perMinute(500);
        assertEquals(Optional.of(2.0), ThroughputHeadroom.of(incoming, fast, StageCapacity.DEFAULT, StageCapacity.DEFAULT, NOW));
        // Four shards, batches of 50: 400 records/s out.
        assertEquals(Optional.of(4.0), ThroughputHeadroom.of(incoming, fast, StageCapacity.DEFAULT.withShards(4),
                StageCapacity.DEFAULT.withBatchSize(50), NOW));
        // A consumer timing out at 15 s drains 6.7 records/s.
        assertEquals(100 / 15.0 / 100, ThroughputHeadroom.of(incoming, perMinute(15_000), StageCapacity.DEFAULT,
                StageCapacity.DEFAULT, NOW).orElseThrow(), 1e-9);
        assertEquals(Optional.empty(), ThroughputHeadroom.of(perMinute(0), fast, StageCapacity.DEFAULT, StageCapacity.DEFAULT, NOW),
                "nothing comes in: no ratio");
        assertEquals(Optional.empty(), ThroughputHeadroom.of(incoming, List.of(), StageCapacity.DEFAULT, StageCapacity.DEFAULT, NOW));
    }

    @Test
    void afterEachPollTheHeadroomIsWrittenAgainstTheLambdaTheStreamFeeds() {
        var store = new SeriesStore(100);
        perMinute(6_000).forEach(p -> store.put(new io.pipewatch.signal.SeriesKey(io.pipewatch.signal.MetricId.of("AWS/Kinesis",
                "IncomingRecords", java.util.Map.of("StreamName", "device-logs")), "Sum"), p));
        perMinute(250).forEach(p -> store.put(new io.pipewatch.signal.SeriesKey(io.pipewatch.signal.MetricId.of("AWS/Lambda",
                "Duration", java.util.Map.of("FunctionName", "ingest")), "p50"), p));
        var stream = new PipelineStage("stage-0", "kinesis-stream", "device-logs", "Device logs", Set.of(), List.of("stage-1"));
        var ingest = new PipelineStage("stage-1", "lambda", "ingest", "Ingest", Set.of(), List.of());
        Pipelines pipelines = () -> List.of(new Pipeline("p", "P", List.of(stream, ingest)));

        new ImpactSeries(pipelines, store).forecast(NOW);

        assertEquals(List.of(new Datapoint(NOW, 4.0)), store.range(ImpactMetrics.throughputHeadroom("device-logs"), NOW,
                NOW.plusSeconds(1)));
    }

    /** One value a minute over the 5 minutes before now. */
    private static List<Datapoint> perMinute(double value) {
        List<Datapoint> out = new ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            out.add(new Datapoint(NOW.minus(Duration.ofMinutes(i)), value));
        }
        return out;
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
