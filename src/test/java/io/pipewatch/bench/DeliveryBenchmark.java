package io.pipewatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Alert delivery, measured end to end in one run of the service (real SNS signature checks, DynamoDB
 * Local outbox, Slack as a local HTTP server, production pacing of one message a second per webhook):
 * SNS POST → Slack POST latency, SNS requests a second, and a storm of 500 alarms in 10 s. Each figure
 * is printed with a baseline measured in the same run. Not part of the test suite (the name ends in
 * Benchmark); run it with {@code ./mvnw test -Dtest=DeliveryBenchmark}. Results: target/delivery-benchmark.txt.
 */
@QuarkusTest
@TestProfile(DeliveryBenchmark.Production.class)
@QuarkusTestResource(value = BenchSlack.class, restrictToAnnotatedClass = true)
class DeliveryBenchmark {

    private static final int LATENCY_SAMPLES = 40;
    private static final int LOAD_REQUESTS = 2000;
    private static final int STORM = 500;
    /** SNS posts to an endpoint from many connections at once in a storm; group commit needs them to be concurrent. */
    private static final int STORM_CLIENTS = Integer.getInteger("delivery.clients", 64);
    private static final int NEW_ALARMS = 4000;

    /** Production timings; latency alarms on a route without group wait, the rest grouped by namespace. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // On disk, as the embedded default keeps it (the test profile's store is in memory): "durable" means durable.
            String store = java.nio.file.Path.of("target", "delivery-benchmark-store-" + System.currentTimeMillis())
                    .toAbsolutePath().toString();
            return Map.ofEntries(Map.entry("pipewatch.store.path", store), Map.entry("pipewatch.delivery.min-interval", "1s"),
                    Map.entry("pipewatch.routes[0].match", "namespace=Bench/Latency"),
                    Map.entry("pipewatch.routes[0].receiver", "latency"),
                    Map.entry("pipewatch.routes[0].group-by", "alarm"),
                    Map.entry("pipewatch.routes[0].group-wait", "0s"),
                    Map.entry("pipewatch.routes[1].match", "namespace=~AWS/.*"),
                    Map.entry("pipewatch.routes[1].receiver", "storm"),
                    Map.entry("pipewatch.routes[1].group-by", "namespace,severity"),
                    Map.entry("pipewatch.routes[1].group-wait", "30s"),
                    Map.entry("pipewatch.routes[1].group-interval", "5m"),
                    // The ingest rates' alarms are grouped as a storm's would be, not sent one message each.
                    Map.entry("pipewatch.routes[2].match", "namespace=Bench/Load"),
                    Map.entry("pipewatch.routes[2].receiver", "load"),
                    Map.entry("pipewatch.routes[2].group-by", "namespace"),
                    Map.entry("pipewatch.routes[2].group-wait", "30s"),
                    Map.entry("pipewatch.routes[2].group-interval", "5m"));
        }
    }

    @TestHTTPResource("/webhooks/sns")
    URI sns;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final SnsSigner signer = SnsSigner.shared();
    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        // -Ddelivery.part=ingest measures only the SNS ingest rates (a minute instead of three).
        boolean all = !"ingest".equals(System.getProperty("delivery.part"));
        if (all) {
            latency();
        }
        throughput();
        if (all) {
            storm();
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "delivery-benchmark.txt"), report);
    }

    /** One alarm at a time, 1.2 s apart (the webhook's pace): SNS POST sent → Slack POST received. */
    private void latency() throws Exception {
        warmUp();
        long[] millisx1000 = new long[LATENCY_SAMPLES];
        long[] baseline = new long[LATENCY_SAMPLES];
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            String name = "latency-" + UUID.randomUUID();
            String body = signed(name, "Bench/Latency", "ALARM");
            int before = BenchSlack.count("/latency");
            long start = System.nanoTime();
            post(body);
            long arrived = BenchSlack.awaitMessage("/latency", before, 10);
            millisx1000[i] = (arrived - start) / 1000;
            long b0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(BenchSlack.url("/baseline")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding());
            baseline[i] = (System.nanoTime() - b0) / 1000;
            TimeUnit.MILLISECONDS.sleep(1200);
        }
        Arrays.sort(millisx1000);
        Arrays.sort(baseline);
        double p50 = pct(millisx1000, 50), p99 = pct(millisx1000, 99);
        double b50 = pct(baseline, 50), b99 = pct(baseline, 99);
        line("SNS POST → Slack POST, no group wait, %d alarms: p50 %.1f ms, p99 %.1f ms (goal p99 < 250 ms)", LATENCY_SAMPLES, p50, p99);
        line("  baseline, one direct POST to the Slack stand-in: p50 %.2f ms, p99 %.2f ms; ratio p50 %.0f×, p99 %.0f×",
                b50, b99, p50 / b50, p99 / b99);
    }

    /** Signed notifications from 4 clients, as fast as they are answered; baseline: the same clients on /q/health/live. */
    private void throughput() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < LOAD_REQUESTS; i++) {
            bodies.add(signed("load-" + (i % 200), "Bench/Load", i / 200 % 2 == 0 ? "ALARM" : "OK"));
        }
        double accepted = rate(bodies, sns);
        List<String> empty = java.util.Collections.nCopies(LOAD_REQUESTS, "");
        double health = rate(empty, sns.resolve("/q/health/live"));
        line("SNS notifications accepted (verified, recorded in the embedded store on disk, 4 clients): %.0f requests/s", accepted);
        line("  baseline, GET /q/health/live with the same clients: %.0f requests/s; ratio %.2f", health, accepted / health);
        // SNS retrying one message: verified each time, answered "duplicate" without a store read.
        double repeated = rate(java.util.Collections.nCopies(LOAD_REQUESTS, bodies.get(0)), sns);
        line("SNS redeliveries of one message (verified, answered duplicate, 4 clients): %.0f requests/s; ratio to health %.2f",
                repeated, repeated / health);
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < NEW_ALARMS; i++) {
            fresh.add(signed("new-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "Bench/Load", "ALARM"));
        }
        double created = rate(fresh, sns, STORM_CLIENTS);
        double healthMany = rate(java.util.Collections.nCopies(NEW_ALARMS, ""), sns.resolve("/q/health/live"), STORM_CLIENTS);
        // Twice: right after the new alarms (what SNS retrying during a storm meets), then once that has settled.
        double redelivered = rate(java.util.Collections.nCopies(NEW_ALARMS * 5, fresh.get(0)), sns, STORM_CLIENTS);
        double again = rate(java.util.Collections.nCopies(NEW_ALARMS * 5, fresh.get(1)), sns, STORM_CLIENTS);
        line("New alarms, each recorded in the embedded store on disk (alert, incident, message id) before its 200, %d clients:"
                + " %.0f requests/s (goal 1,000); redeliveries %.0f/s, a second round %.0f/s (goal 5,000)", STORM_CLIENTS,
                created, redelivered, again);
        line("  baseline, GET /q/health/live with the same clients: %.0f requests/s; ratios %.2f, %.2f and %.2f", healthMany,
                created / healthMany, redelivered / healthMany, again / healthMany);
    }

    /** 500 alarms in 10 s over three namespaces, each alarm's ALARM message posted once. */
    private void storm() throws Exception {
        String[] namespaces = {"AWS/Lambda", "AWS/Kinesis", "AWS/DynamoDB"};
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < STORM; i++) {
            bodies.add(signed("storm-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), namespaces[i % 3], "ALARM"));
        }
        int before = BenchSlack.count("/storm");
        long start = System.nanoTime();
        for (int i = 0; i < STORM; i++) {
            post(bodies.get(i));
            long due = start + TimeUnit.MILLISECONDS.toNanos(20L * (i + 1));
            TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
        }
        long posted = System.nanoTime();
        long deadline = posted + TimeUnit.SECONDS.toNanos(120);
        while (BenchSlack.firingCounted("/storm", before) < STORM && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        var messages = BenchSlack.received("/storm").subList(before, BenchSlack.count("/storm"));
        long last = messages.isEmpty() ? posted : messages.get(messages.size() - 1).atNanos();
        int delivered = BenchSlack.firingCounted("/storm", before);
        line("Storm of %d alarms in %.1f s: %d Slack messages (goal ≤ 5; baseline without grouping %d, ratio %.3f)",
                STORM, (posted - start) / 1e9, messages.size(), STORM, messages.size() / (double) STORM);
        line("  all delivered %.1f s after the first alarm (group wait 30 s); alerts lost %d; peak %d message(s) in any second",
                (last - start) / 1e9, STORM - delivered, BenchSlack.peakPerSecond("/storm", before));
        assertEquals(STORM, delivered, "every alarm of the storm is in a delivered message");
    }

    private void warmUp() throws Exception {
        for (int i = 0; i < 20; i++) {
            post(signed("warm-" + i, "Bench/Load", "ALARM"));
        }
    }

    private double rate(List<String> bodies, URI target) throws Exception {
        return rate(bodies, target, 4);
    }

    private double rate(List<String> bodies, URI target, int concurrency) throws Exception {
        try (HttpLoad load = new HttpLoad()) {
            return load.rate(bodies, target, concurrency);
        }
    }

    private String signed(String name, String namespace, String state) {
        Instant now = Instant.now();
        return signer.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                SnsMessages.alarm(name, namespace, state, state.equals("OK") ? "ALARM" : "OK", now), now, 2);
    }

    private void post(String body) throws Exception {
        var response = http.send(HttpRequest.newBuilder(sns).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("SNS POST answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double pct(long[] sortedMicros, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private void line(String format, Object... args) {
        report.append(String.format(java.util.Locale.ROOT, format, args)).append('\n');
    }
}
