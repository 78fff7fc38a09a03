package io.pipewatch.source.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmEvaluator;
import io.pipewatch.rule.AlarmLoader;
import io.pipewatch.rule.PeriodWindow;
import io.pipewatch.rule.Verdict;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SignalPoller;
import io.pipewatch.signal.SourceException;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.TestCloudWatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The CloudWatch source with the real SDK client against a wire-level Smithy RPC v2 CBOR fake. */
class CloudWatchMetricSourceIT {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:30Z");
    private static final SeriesKey ERRORS = key("ingest", "Errors", "Sum");
    private final CloudWatchFake fake = new CloudWatchFake();
    private final CloudWatchClient client = fake.client();
    private final CloudWatchMetricSource source = new CloudWatchMetricSource(settings(), () -> client);

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    @Test
    void readsAnAnomalyBandAndSampleCountsInTheMetricsOwnCall() throws Exception {
        SeriesKey duration = key("ingest", "Duration", "p99");
        Instant period = Instant.parse("2026-11-25T02:50:00Z");
        fake.put(duration.id(), period, 900);
        fake.put(key("ingest", "Duration", "SampleCount").id(), period, 1200);
        fake.band(duration.id(), "2", period, 100, 800);
        var wanted = Set.of(duration, key("ingest", "Duration", "SampleCount"),
                io.pipewatch.signal.BandEdge.lower(duration, 2), io.pipewatch.signal.BandEdge.upper(duration, 2));

        var read = source.read(wanted, NOW.minus(Duration.ofMinutes(15)), NOW);

        assertEquals(1, fake.calls().size(), "the band and the sample counts come with the metric");
        var queries = fake.calls().get(0).input().get("MetricDataQueries");
        assertEquals(3, queries.size(), "p99, SampleCount, and one band query for both edges");
        String metricId = StreamSupport.stream(queries.spliterator(), false).filter(q -> q.has("MetricStat")
                && q.get("MetricStat").get("Stat").asText().equals("p99")).findFirst().orElseThrow().get("Id").asText();
        assertTrue(StreamSupport.stream(queries.spliterator(), false).anyMatch(q -> q.path("Expression").asText()
                .equals("ANOMALY_DETECTION_BAND(" + metricId + ", 2)")), queries.toString());
        Map<String, Double> values = new java.util.HashMap<>();
        read.forEach(d -> values.put(d.key().id(), d.points().get(0).value()));
        assertEquals(Map.of(duration.id(), 900.0, key("ingest", "Duration", "SampleCount").id(), 1200.0,
                duration.id() + ":band_lower:2", 100.0, duration.id() + ":band_upper:2", 800.0), values,
                "the edges told apart by value, whatever order the results came in");
    }

    @Test
    void batchesAtMost500QueriesKeepingAMetricsStatisticsTogether() throws Exception {
        Set<SeriesKey> wanted = new HashSet<>();
        for (int f = 0; f < 240; f++) {
            for (String stat : List.of("Sum", "Average", "Maximum", "p50", "p99")) {
                wanted.add(key("fn-" + f, "Duration", stat));
            }
        }
        source.read(wanted, NOW.minus(Duration.ofMinutes(10)), NOW);

        var calls = fake.calls();
        assertEquals(List.of(500, 500, 200), calls.stream().map(c -> c.input().get("MetricDataQueries").size()).toList());
        for (var call : calls) {
            var functions = StreamSupport.stream(call.input().get("MetricDataQueries").spliterator(), false)
                    .map(q -> q.get("MetricStat").get("Metric").get("Dimensions").get(0).get("Value").asText()).distinct().count();
            assertEquals(call.input().get("MetricDataQueries").size() / 5, functions, "all 5 statistics of a metric in one call");
        }
        assertEquals(3, (long) Math.ceil(QueryPlan.billedMetrics(QueryPlan.batches(wanted, 10)) / 100.0),
                "calls = ⌈billed metrics × 5 statistics / 500⌉");
        var cost = source.cost().orElseThrow();
        assertEquals(3, cost.callsPerCycle());
        assertEquals(240, cost.metricsPerCycle(), "5 statistics of one metric in one call bill as one metric");
        assertEquals(43_200, cost.cyclesPerMonth(), "one cycle a minute");
        assertEquals(240 * 43_200 / 1000.0 * 0.01, cost.dollarsPerMonth(), 1e-9);
        assertEquals("3 calls and 240 metrics a cycle; 10,368,000 metrics a month ≈ $103.68 a month", cost.summary());
        var first = calls.get(0).input();
        assertEquals("rpc-v2-cbor", calls.get(0).protocol());
        assertEquals(60, first.get("MetricDataQueries").get(0).get("MetricStat").get("Period").asInt());
        assertEquals(Instant.parse("2026-11-25T02:48:00Z").getEpochSecond(), first.get("StartTime").asLong(),
                "window start: 10 min back, 2 min delay, aligned to the period");
        assertEquals(Instant.parse("2026-11-25T02:58:00Z").getEpochSecond(), first.get("EndTime").asLong(),
                "window end: 2 min ago, aligned to the period");
    }

    @Test
    void readsDatapointsAndFollowsNextToken() throws Exception {
        Instant t = Instant.parse("2026-11-25T02:48:00Z");
        for (int i = 0; i < 10; i++) {
            fake.put(ERRORS.id(), t.plusSeconds(60L * i), i);
        }
        fake.pageSize(3);
        var data = source.read(Set.of(ERRORS, key("nobody", "Errors", "Sum")), NOW.minus(Duration.ofMinutes(10)), NOW);

        assertEquals(4, fake.calls().size(), "10 datapoints in pages of 3");
        assertEquals("3", fake.calls().get(1).input().get("NextToken").asText());
        var errors = data.stream().filter(d -> d.key().equals(ERRORS)).findFirst().orElseThrow();
        assertEquals(10, errors.points().size());
        assertEquals(new Datapoint(t.plusSeconds(540), 9), errors.points().get(9));
        assertTrue(data.stream().noneMatch(d -> d.key().metric().dimensions().containsValue("nobody")),
                "an unknown metric has no datapoints, and no series");
    }

    @Test
    void aFailedCallIsOneLineAndAfterRecoveryTheGapIsReadAgain() throws Exception {
        var clock = new ManualClock(NOW);
        var store = new SeriesStore(100);
        var demand = new SeriesDemand();
        demand.register("test", List.of(ERRORS));
        var poller = new SignalPoller(source, store, demand, clock, io.pipewatch.config.Ticker.SYSTEM, Duration.ofMinutes(5),
                new SimpleMeterRegistry());
        Instant t = Instant.parse("2026-11-25T02:50:00Z");
        for (int i = 0; i < 20; i++) {
            fake.put(ERRORS.id(), t.plusSeconds(60L * i), 1);
        }
        assertTrue(poller.poll() != null);
        var unavailable = shippedAlarm("cloudwatch-source-unavailable");
        List<Verdict> verdicts = new ArrayList<>();
        for (int outage = 0; outage < 4; outage++) {
            clock.advance(Duration.ofMinutes(1));
            fake.failNext(new CloudWatchFake.Failure(500, "InternalServiceError"));
            assertEquals(null, poller.poll());
            verdicts.add(verdict(unavailable, store, clock.instant()));
        }
        assertEquals(List.of(Verdict.OK, Verdict.OK, Verdict.ALARM, Verdict.ALARM), verdicts,
                "the shipped alarm fires once three minutes of polls have failed");
        assertTrue(poller.status().lastErrorMessage().startsWith("CloudWatch GetMetricData failed:"),
                poller.status().lastErrorMessage());
        assertEquals(4, poller.status().errorCount());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(poller.poll() != null, "recovered");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Verdict.OK, verdict(unavailable, store, clock.instant()), "and resolves after recovery");

        var failed = store.range(SignalPoller.pollFailedSeries("cloudwatch"), t, clock.instant().plusSeconds(1)).stream()
                .map(Datapoint::value).toList();
        assertEquals(List.of(0.0, 1.0, 1.0, 1.0, 1.0, 0.0), failed, "the outage is a series alarms can watch");
        List<Instant> minutes = store.range(ERRORS, t, clock.instant()).stream().map(Datapoint::timestamp).toList();
        List<Instant> expected = new ArrayList<>();
        // The first read backfills 3 hours, so every minute the fake holds from 02:50 is there.
        for (Instant m = Instant.parse("2026-11-25T02:50:00Z"); m.isBefore(Instant.parse("2026-11-25T03:03:00Z")); m = m.plusSeconds(60)) {
            expected.add(m);
        }
        assertEquals(expected, minutes, "every minute up to the delayed window end, none missing across the outage");
    }

    @Test
    void missingRegionIsOneClearLine() {
        var unconfigured = new CloudWatchMetricSource(settings(),
                () -> CloudWatchClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build());
        var e = assertThrows(SourceException.class,
                () -> unconfigured.read(Set.of(ERRORS), NOW.minus(Duration.ofMinutes(10)), NOW));
        assertTrue(e.getMessage().startsWith("no AWS region configured"), e.getMessage());
    }

    private static AlarmDefinition shippedAlarm(String id) {
        var problems = new io.pipewatch.config.DefinitionProblems();
        var alarms = new AlarmLoader().load(java.nio.file.Path.of("alarms"), problems);
        assertTrue(problems.isEmpty(), problems.report());
        return alarms.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private static Verdict verdict(AlarmDefinition alarm, SeriesStore store, Instant now) {
        return new AlarmEvaluator().evaluate(PeriodWindow.values(alarm, store, now.plusSeconds(60)), alarm.criteria()).verdict();
    }

    private static SeriesKey key(String function, String metric, String statistic) {
        return new SeriesKey(MetricId.of("AWS/Lambda", metric, Map.of("FunctionName", function)), statistic);
    }

    private static PipewatchConfig.CloudWatch settings() {
        return TestCloudWatchConfig.withCallBudget(50);
    }
}
