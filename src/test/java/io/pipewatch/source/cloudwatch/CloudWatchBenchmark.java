package io.pipewatch.source.cloudwatch;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.ManualClock;
import io.pipewatch.testing.TestCloudWatchConfig;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * CloudWatch polling cost, measured at a wire-level fake: GetMetricData calls per poll cycle for
 * 40, 1,000 and 10,000 metrics against the lower bound ⌈queries / 500⌉, with planning and
 * parsing time; and the packaged jar in aws mode with 1 and 100 dashboard viewers, beside the
 * calls a per-panel-per-viewer tool would make for the same viewers, counted at the same fake.
 * Run: {@code ./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipewatch.source.cloudwatch.CloudWatchBenchmark [-Dexec.args="calls latency viewers"]}
 */
public final class CloudWatchBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        System.out.printf("CloudWatch polling benchmark — %d cores%n", Runtime.getRuntime().availableProcessors());
        List<String> parts = args.length > 0 ? List.of(args) : List.of("calls", "latency", "viewers");
        if (parts.contains("calls")) {
            callsPerCycle();
        }
        if (parts.contains("latency")) {
            detectionLatency();
        }
        if (parts.contains("viewers")) {
            viewers(Path.of("target/quarkus-app/quarkus-run.jar"));
        }
    }

    private static void callsPerCycle() throws Exception {
        System.out.printf("%nCalls per poll cycle (5-minute window, 60 s period; each metric with 1–3 statistics):%n");
        for (int n : new int[] {40, 1_000, 10_000}) {
            try (var fake = new CloudWatchFake(); var client = fake.client()) {
                var source = new CloudWatchMetricSource(settings(), () -> client);
                Set<SeriesKey> wanted = wanted(n);
                Instant now = Instant.parse("2026-11-25T03:00:00Z");
                for (SeriesKey key : wanted) {
                    for (int m = 0; m < 5; m++) {
                        fake.put(key.id(), now.minus(Duration.ofMinutes(3 + m)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES), m);
                    }
                }
                source.read(wanted, now.minus(Duration.ofMinutes(5)), now); // warm-up
                int before = fake.calls().size();
                long planStart = System.nanoTime();
                var plan = QueryPlan.batches(wanted, 5);
                double planMillis = (System.nanoTime() - planStart) / 1e6;
                long start = System.nanoTime();
                var data = source.read(wanted, now.minus(Duration.ofMinutes(5)), now);
                double cycleMillis = (System.nanoTime() - start) / 1e6;
                int calls = fake.calls().size() - before;
                long lowerBound = (wanted.size() + QueryPlan.MAX_QUERIES - 1) / QueryPlan.MAX_QUERIES;
                long points = data.stream().mapToLong(d -> d.points().size()).sum();
                System.out.printf("  %,6d metrics (%,6d queries): %3d calls, lower bound %3d → ratio %.2f; billed metrics %,d;"
                        + " plan %.1f ms, whole cycle %.0f ms (%,d datapoints, fake's server time included)%n",
                        n, wanted.size(), calls, lowerBound, (double) calls / lowerBound,
                        QueryPlan.billedMetrics(plan), planMillis, cycleMillis, points);
            }
        }
    }

    /**
     * From the poll that first sees a breaching datapoint at the fake to the alarm's verdict: what
     * Pipewatch adds on top of the poll interval and CloudWatch's own delay.
     */
    private static void detectionLatency() throws Exception {
        var key = new SeriesKey(MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "ingest")), "Sum");
        var alarm = new io.pipewatch.rule.AlarmDefinition("errors", "Errors", "s", io.pipewatch.rule.Severity.CRITICAL,
                List.of(new io.pipewatch.rule.AlarmInput("m1", key)), Optional.empty(), Duration.ofSeconds(60),
                new io.pipewatch.rule.EvaluationCriteria(io.pipewatch.rule.Comparison.GreaterThanThreshold, 0, 1, 1,
                        io.pipewatch.rule.TreatMissingData.MISSING), "/runbooks/x", Optional.empty(), Map.of(), io.pipewatch.rule.EvaluatedBy.PIPEWATCH, 0,
                io.pipewatch.signal.Unit.COUNT, Optional.empty(), Optional.empty(), Path.of("a.yaml"));
        try (var fake = new CloudWatchFake(); var client = fake.client()) {
            var clock = new ManualClock(Instant.parse("2026-11-25T03:00:30Z"));
            var store = new io.pipewatch.signal.SeriesStore(500);
            var demand = new io.pipewatch.signal.SeriesDemand();
            demand.register("bench", List.of(key));
            var source = new CloudWatchMetricSource(settings(), () -> client);
            var poller = new io.pipewatch.signal.SignalPoller(source, store, demand, clock, io.pipewatch.config.Ticker.SYSTEM,
                    Duration.ofMinutes(15),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
            var evaluator = new io.pipewatch.rule.AlarmEvaluator();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Instant readable = clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
                fake.put(key.id(), readable.minusSeconds(60), 0);
                fake.put(key.id(), readable, 5); // the breaching datapoint becomes readable
                long start = System.nanoTime();
                Instant completeTo = poller.poll();
                Instant at = io.pipewatch.rule.PeriodWindow.evaluationTime(alarm, store, completeTo);
                var verdict = evaluator.evaluate(io.pipewatch.rule.PeriodWindow.values(alarm, store, at), alarm.criteria()).verdict();
                millis.add((System.nanoTime() - start) / 1e6);
                if (verdict != io.pipewatch.rule.Verdict.ALARM) {
                    throw new IllegalStateException("expected ALARM at " + at + ", got " + verdict);
                }
                fake.put(key.id(), readable, 0);
                clock.advance(Duration.ofMinutes(1));
            }
            java.util.Collections.sort(millis);
            System.out.printf("%nDetection latency beyond the poll interval (poll sees the datapoint → ALARM verdict), 60 runs:"
                    + " p50 %.1f ms, p99 %.1f ms (goal < 1 s)%n", millis.get(30), millis.get(59));
        }
    }

    private static void viewers(Path jar) throws Exception {
        try (var fake = new CloudWatchFake()) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("pipewatch-aws-bench", ".log");
            var builder = new ProcessBuilder("java", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(Map.of("PIPEWATCH_MODE", "aws", "PIPEWATCH_AUTH_MODE", "none", "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "PIPEWATCH_CLOUDWATCH_ENDPOINT", fake.endpoint().toString(), "PIPEWATCH_CLOUDWATCH_PERIOD", "10s",
                    "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "bench", "AWS_SECRET_ACCESS_KEY", "bench"));
            Process app = builder.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                while (code(base.resolve("/q/health/ready")) != 200) {
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                int panels = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/dashboards/demo-pipeline")).build(),
                        HttpResponse.BodyHandlers.ofString()).body().split("\"signal\"").length - 1;
                System.out.printf("%nThe jar in aws mode (period 10 s), demo-pipeline dashboard with %d panels, 30 s per measurement:%n", panels);
                long one = callsWhileWatched(fake, base, 1);
                long hundred = callsWhileWatched(fake, base, 100);
                // The per-panel-per-viewer baseline: each viewer's browser asks CloudWatch for each panel on each
                // refresh (Grafana's model), counted at the same fake in the same run.
                long baseline;
                try (var own = new CloudWatchFake()) { // its own fake, so Pipewatch's calls do not count
                    baseline = perPanelPerViewer(own, 100, panels, 1);
                }
                System.out.printf("  Pipewatch: %d GetMetricData calls with 1 viewer, %d with 100 viewers → ratio %.2f (goal: identical)%n",
                        one, hundred, (double) hundred / one);
                System.out.printf("  per-panel-per-viewer baseline: 100 viewers × %d panels, one refresh: %d calls; in 30 s at Pipewatch's"
                        + " 10 s refresh: %d calls → Pipewatch makes %.4f of them%n",
                        panels, baseline, baseline * 3, (double) hundred / (baseline * 3));
            } finally {
                app.destroy();
                app.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static long callsWhileWatched(CloudWatchFake fake, URI base, int viewers) throws Exception {
        List<InputStream> open = new ArrayList<>();
        for (int i = 0; i < viewers; i++) {
            code(base.resolve("/dashboards/demo-pipeline"));
            code(base.resolve("/api/dashboards/demo-pipeline/data?minutes=30"));
            InputStream body = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/dashboards/demo-pipeline/live")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()).body();
            open.add(body);
            Thread reader = new Thread(() -> {
                try {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException closed) {
                    // the measurement ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }
        long before = fake.calls().stream().filter(c -> c.operation().equals("GetMetricData")).count();
        TimeUnit.SECONDS.sleep(30);
        long calls = fake.calls().stream().filter(c -> c.operation().equals("GetMetricData")).count() - before;
        for (InputStream s : open) {
            s.close();
        }
        return calls;
    }

    private static long perPanelPerViewer(CloudWatchFake fake, int viewers, int panels, int refreshes) {
        long before = fake.calls().size();
        try (var client = fake.client()) {
            var metric = software.amazon.awssdk.services.cloudwatch.model.Metric.builder().namespace("AWS/Lambda")
                    .metricName("Errors").build();
            for (int r = 0; r < refreshes; r++) {
                for (int v = 0; v < viewers; v++) {
                    for (int p = 0; p < panels; p++) {
                        client.getMetricData(g -> g.startTime(Instant.now().minusSeconds(1800)).endTime(Instant.now())
                                .metricDataQueries(q -> q.id("q0").metricStat(s -> s.metric(metric).period(60).stat("Sum"))));
                    }
                }
            }
        }
        return fake.calls().size() - before;
    }

    private static Set<SeriesKey> wanted(int metrics) {
        Set<SeriesKey> out = new HashSet<>();
        List<String> statistics = List.of("Sum", "Maximum", "p99");
        for (int i = 0; i < metrics; i++) {
            for (int s = 0; s <= i % 3; s++) {
                out.add(new SeriesKey(MetricId.of("AWS/Lambda", "Duration", Map.of("FunctionName", "fn-" + i)), statistics.get(s)));
            }
        }
        return out;
    }

    private static int code(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception notYet) {
            return -1;
        }
    }

    private static PipewatchConfig.CloudWatch settings() {
        return TestCloudWatchConfig.withCallBudget(1000);
    }
}
