package io.pipewatch.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.source.cloudwatch.CloudWatchMetricSource;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.TestCloudWatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Windows older than the store, read from CloudWatch (the CBOR stand-in) once per window and shared by every viewer. */
class HistoryCacheIT {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final SeriesKey LAG = SeriesKey.parse("AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=s}:Maximum");
    private static final SeriesKey RECORDS = SeriesKey.parse("AWS/Kinesis IncomingRecords{StreamName=s}:Sum");
    private final CloudWatchFake fake = new CloudWatchFake();
    private final software.amazon.awssdk.services.cloudwatch.CloudWatchClient client = fake.client();
    private final HistoryCache history = new HistoryCache(List.of(new CloudWatchMetricSource(TestCloudWatchConfig.withCallBudget(1000), () -> client)));

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @ParameterizedTest(name = "{0} wide, starting {1} ago: {2}")
    @CsvSource({
        "PT30M, PT30M, PT1M", // CloudWatch's 1-minute data, 30 points
        "PT24H, PT24H, PT1M", // exactly 1,440 points
        "P7D, P7D, PT7M", // 10,080 minutes ÷ 1,440 points, in whole minutes
        "PT24H, P30D, PT5M", // older than 15 days: 5-minute data only
        "PT24H, P100D, PT1H", // older than 63 days: hourly
        "P60D, P60D, PT1H"}) // 5-minute data, 86,400 s ÷ 1,440 = 3,600 s
    void theResolutionFitsTheChartAndWhatCloudWatchStillKeeps(Duration width, Duration age, Duration period) {
        Instant from = NOW.minus(age);
        assertEquals(period, HistoryCache.periodFor(from, from.plus(width), NOW));
    }

    @Test
    void fiftyViewersOfOneSevenDayWindowCostTheCallsOfOne() throws Exception {
        Instant from = NOW.minus(Duration.ofDays(7));
        fake.constant(LAG.id(), 4000);
        fake.constant(RECORDS.id(), 60000);
        var pool = Executors.newFixedThreadPool(50);
        var start = new CountDownLatch(1);
        List<Future<Map<SeriesKey, List<Datapoint>>>> viewers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // Each viewer's "now" is a few seconds apart, as page loads are: the window still rounds to one entry.
            Instant end = NOW.minusSeconds(i % 5);
            Callable<Map<SeriesKey, List<Datapoint>>> view = () -> {
                start.await();
                return history.read(Set.of(LAG, RECORDS), from, end, NOW);
            };
            viewers.add(pool.submit(view));
        }
        start.countDown();
        List<Map<SeriesKey, List<Datapoint>>> seen = new ArrayList<>();
        for (var v : viewers) {
            seen.add(v.get());
        }
        pool.shutdown();

        assertEquals(1, fake.calls().stream().filter(c -> c.operation().equals("GetMetricData")).count(),
                "one GetMetricData for 50 viewers of the same window");
        assertEquals(1, history.reads());
        assertEquals(49, history.shared());
        assertEquals(1441, seen.get(0).get(LAG).size(), "7 days at 7 minutes, widened to whole periods at both ends");
        assertTrue(seen.stream().allMatch(s -> s.equals(seen.get(0))), "every viewer sees the same points");
        var query = fake.calls().get(0).input().get("MetricDataQueries").get(0);
        assertEquals(420, query.get("MetricStat").get("Period").asInt());

        history.read(Set.of(LAG, RECORDS), from.minus(Duration.ofDays(1)), NOW, NOW);
        assertEquals(2, history.reads(), "another window is another read");
    }

    @Test
    void aFailedReadIsNotKeptSoTheNextViewerTriesAgain() {
        fake.failNext(new CloudWatchFake.Failure(500, "InternalServiceFault"));
        Instant from = NOW.minus(Duration.ofDays(2));
        assertEquals(Map.of(), history.read(Set.of(LAG), from, NOW, NOW));
        fake.constant(LAG.id(), 1);
        assertEquals(false, history.read(Set.of(LAG), from, NOW, NOW).isEmpty());
    }
}
