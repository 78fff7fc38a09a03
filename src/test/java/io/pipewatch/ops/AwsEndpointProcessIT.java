package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.PackagedJar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar in {@code PIPEWATCH_MODE=aws} with {@code AWS_ENDPOINT_URL} pointed at a
 * CloudWatch-compatible endpoint (the wire-level fake): the shipped dashboards chart the polled
 * metrics, a name prefix is discovered, and the shipped alarms evaluate them. Its state is in the
 * {@code store-server} ({@code AWS_ENDPOINT_URL_DYNAMODB}), where it takes the replicas' lease and so leads.
 */
class AwsEndpointProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void theShippedDashboardsAndAlarmsWorkOnPolledMetrics() throws Exception {
        try (var fake = new CloudWatchFake(); var store = io.pipewatch.testing.StoreServerProcess.start()) {
            fake.constant("AWS/Lambda Errors{FunctionName=ingest-impressions}:Sum", 50);
            fake.constant("AWS/Lambda Invocations{FunctionName=ingest-impressions}:Sum", 100);
            fake.listable("AWS/Lambda", "Invocations", Map.of("FunctionName", "rollup-daily"));
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path log = Files.createTempFile("pipewatch-aws-endpoint", ".log");
            var builder = new ProcessBuilder(PackagedJar.command())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().remove("AWS_PROFILE");
            builder.environment().putAll(Map.of("PIPEWATCH_MODE", "aws", "PIPEWATCH_AUTH_MODE", "none", "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "AWS_ENDPOINT_URL", fake.endpoint().toString(), "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "AKIDPROCESSTEST", "AWS_SECRET_ACCESS_KEY", "process-test-secret",
                    "AWS_ENDPOINT_URL_DYNAMODB", store.endpoint().toString()));
            Process process = builder.start();
            try {
                JsonNode alert = await(port, "/api/alerts/ingest-lambda-error-rate",
                        a -> "FIRING".equals(a.path("state").asText()));
                assertEquals("FIRING", alert.path("state").asText(), "50 errors in 100 invocations is 50 % > 10 %: " + alert);

                JsonNode data = get(port, "/api/dashboards/demo-pipeline/data?minutes=30");
                String rate = null;
                for (var it = data.get("series").fieldNames(); it.hasNext();) {
                    String id = it.next();
                    if (id.startsWith("(100 * part / whole)") && id.contains("Errors{FunctionName=ingest-impressions}")) {
                        rate = id;
                    }
                }
                assertTrue(rate != null, "the error-rate series is charted: " + data.get("series").size());
                JsonNode points = data.get("series").get(rate);
                assertTrue(points.size() >= 20, "30 minutes of one-minute points, less the 2-minute delay: " + points.size());
                points.forEach(p -> assertEquals(50.0, p.get(1).asDouble(), 1e-9));

                JsonNode dashboard = await(port, "/api/dashboards/demo-pipeline",
                        d -> d.toString().contains("rollup-daily"));
                assertTrue(dashboard.toString().contains("Roll-up Lambda (DynamoDB Stream consumer): rollup-daily"),
                        "rollup-* discovered with ListMetrics at the endpoint");

                JsonNode status = get(port, "/api/status");
                JsonNode cost = status.get("sources").get(0).get("cost");
                assertTrue(cost.get("summary").asText().matches("1 call and \\d+ metrics a cycle; [\\d,]+ metrics a month ≈ \\$[\\d.]+ a month"), "the polling plan's cost: " + cost);
                assertTrue(cost.get("viewers").asText().startsWith("viewers add nothing"), cost.toString());
                assertTrue(fake.calls().stream().anyMatch(c -> c.operation().equals("GetMetricData")));
                String out = Files.readString(log);
                assertFalse(out.contains("process-test-secret"), "no secret in the log");
                assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
            } finally {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The first answer that is done, or after a minute the last one, for the caller's assertions to say what it lacks. */
    private JsonNode await(int port, String path, Predicate<JsonNode> done) {
        var last = new java.util.concurrent.atomic.AtomicReference<JsonNode>(JSON.createObjectNode());
        try {
            Awaitility.await(path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(java.io.IOException.class) // not listening yet
                    .until(() -> {
                        last.set(get(port, path));
                        return done.test(last.get());
                    });
        } catch (org.awaitility.core.ConditionTimeoutException notDone) {
            // the last answer goes back
        }
        return last.get();
    }


    private JsonNode get(int port, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }
}
