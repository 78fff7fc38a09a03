package io.pipewatch.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.PackagedJar;
import io.pipewatch.testing.StoreServerProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README's two demo replicas on one machine: both read the store-server ({@code AWS_ENDPOINT_URL_DYNAMODB}) instead
 * of embedding one, the simulated pipeline runs on the leader only, and the follower shows the leader's demo.
 */
class DemoReplicasProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Started(Process process, int port, Path log) {
    }

    @Test
    void twoDemoReplicasShareTheStoreServerAndOnlyTheLeaderSimulates() throws Exception {
        List<Started> started = new ArrayList<>();
        try (var store = StoreServerProcess.start()) {
          try {
            Started one = start(store, "demo-one");
            started.add(one);
            await(() -> status(one).path("replica").path("leader").asBoolean());
            Started two = start(store, "demo-two");
            started.add(two);
            await(() -> status(two).path("sources").path(0).path("lastSuccess").isTextual());

            JsonNode seenByFollower = status(two);
            assertEquals("demo-two", seenByFollower.path("replica").path("id").asText());
            assertEquals("demo-one", seenByFollower.path("replica").path("leaderId").asText());
            assertEquals("demo", seenByFollower.path("sources").path(0).path("source").asText(), "the leader's demo source");
            String leaderLog = Files.readString(one.log());
            String followerLog = Files.readString(two.log());
            assertTrue(leaderLog.contains("Store: shared with other replicas at " + store.endpoint()), leaderLog);
            assertFalse(leaderLog.contains("Embedded DynamoDB Local listening"), "no embedded store:\n" + leaderLog);
            assertFalse(followerLog.contains("Embedded DynamoDB Local listening"), "no embedded store:\n" + followerLog);
            assertTrue(metric(one, "pipewatch_polls_total{", "source=\"demo\"") > 0, "the leader polls the simulated pipeline");
            assertEquals(0, metric(two, "pipewatch_polls_total{", "source=\"demo\""),
                    "the follower simulates nothing, by its own metrics");
            assertEquals(1, metric(one, "pipewatch_replica_leader ", ""));
            assertEquals(0, metric(two, "pipewatch_replica_leader ", ""));
            assertEquals(1, metric(one, "pipewatch_replica_takeovers_total ", ""), "it took the free lease once");
            assertEquals(0, metric(two, "pipewatch_replica_takeovers_total ", ""));
            assertFalse(followerLog.contains("\tat "), "no stack trace:\n" + followerLog);

            // A clean stop (SIGTERM) lets the lease go: the follower leads at its next look (3 s), not after the
            // lease's 15 s.
            long stopped = System.nanoTime();
            long logBeforeStop = Files.size(one.log());
            one.process().destroy();
            assertTrue(one.process().waitFor(20, TimeUnit.SECONDS));
            // Parts stop in order (config.ShutdownOrder): nothing reads or writes a store already closed.
            String stopping;
            try (var in = Files.newInputStream(one.log())) {
                in.skipNBytes(logBeforeStop);
                stopping = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(stopping.lines().noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("\tat ")),
                    "a clean stop logs no warning or error:\n" + stopping);
            await(() -> status(two).path("replica").path("leader").asBoolean());
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            assertTrue(took < 10_000, "led " + took + " ms after the leader's clean stop:\n" + Files.readString(one.log()));
            assertTrue(Files.readString(one.log()).contains("Replica demo-one let its lease go"));
          } finally {
            // Before the store stops: a leader stopping cleanly lets its lease go there.
            for (Started s : started) {
                s.process().destroy();
                s.process().waitFor(10, TimeUnit.SECONDS);
            }
          }
        }
    }

    private Started start(StoreServerProcess store, String id) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("pipewatch-" + id, ".log");
        var builder = new ProcessBuilder(PackagedJar.command())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", store.endpoint().toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("PIPEWATCH_REPLICA_ID", id);
        builder.environment().put("PIPEWATCH_REPLICA_URL", "http://127.0.0.1:" + port);
        builder.environment().put("PIPEWATCH_SLACK_WEBHOOK_URL", "");
        return new Started(builder.start(), port, log);
    }

    private void await(java.util.concurrent.Callable<Boolean> done) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(done);
    }

    /** The sum of the samples that start so and contain {@code label}, from the replica's own /q/metrics (never forwarded). */
    private double metric(Started replica, String name, String label) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/q/metrics"))
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith(name) && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private JsonNode status(Started replica) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port() + "/api/status"))
                    .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        } catch (Exception notYet) {
            return JSON.createObjectNode();
        }
    }
}
