package io.pipewatch.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with a durable embedded store: Slack is down while alerts fire, the process is
 * killed with SIGKILL, started again, Slack comes back — and every notification Slack saw attempted
 * before the kill is delivered after the restart. None lost.
 */
class NoNotificationLostProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void notificationsSurviveSigkillWhileSlackIsDown() throws Exception {
        // As JSON trees: the same message from another JVM may order its keys differently.
        Set<JsonNode> attemptedWhileDown = ConcurrentHashMap.newKeySet();
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        boolean[] slackUp = {false};
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    JsonNode body;
                    try {
                        body = JSON.readTree(request.getBody().utf8());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    if (!slackUp[0]) {
                        attemptedWhileDown.add(body);
                        return new MockResponse.Builder().code(503).body("service_unavailable").build();
                    }
                    accepted.add(body);
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            slack.start();
            String webhook = slack.url("/services/T0/B0/not-a-real-secret").toString();

            Path firstLog = Files.createTempFile("pipewatch-kill-1", ".log");
            Process first = start(webhook, firstLog);
            int backlog = 0;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (backlog < 3 && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(200);
                    backlog = backlog(first, firstLog);
                }
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
                first.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(backlog >= 3, "notifications waiting for Slack at the kill: " + backlog);
            Set<JsonNode> attempted = Set.copyOf(attemptedWhileDown);

            slackUp[0] = true;
            Path secondLog = Files.createTempFile("pipewatch-kill-2", ".log");
            Process second = start(webhook, secondLog);
            int left;
            try {
                left = awaitLeftover(secondLog);
                int leftover = left;
                await(() -> accepted.size() >= leftover, 60);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(left >= backlog, "the restart took up " + left + " of the " + backlog + " waiting at the kill");
            List<JsonNode> firstAfterRestart = accepted.subList(0, left);
            assertTrue(firstAfterRestart.containsAll(attempted), "the one being retried at the kill is among them");
            assertTrue(Set.copyOf(firstAfterRestart).size() == left, "each delivered once");
        }
    }

    /** Notifications waiting in the durable outbox, from /api/status (0 until the service answers). */
    private int backlog(Process process, Path log) {
        String port = portOf(process);
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/api/status")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var body = JSON.readTree(response.body()).get("receivers").get(0);
            // Only what is in the durable outbox counts: the kill is meant to test durability, not luck.
            return body.get("backlog").asInt() - body.get("unrecorded").asInt();
        } catch (Exception notYet) {
            return 0;
        }
    }

    private static int awaitLeftover(Path log) throws Exception {
        var pattern = java.util.regex.Pattern.compile("(\\d+) notification\\(s\\) for slack left from before the restart");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var m = pattern.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return 0;
    }

    private final Map<Process, String> ports = new ConcurrentHashMap<>();

    private String portOf(Process process) {
        return ports.get(process);
    }

    private Process start(String webhook, Path log) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var builder = new ProcessBuilder("java", "-jar", System.getProperty("test.pipewatch.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "PIPEWATCH_SLACK_WEBHOOK_URL", webhook, "PIPEWATCH_STORE_PATH", data.toString(),
                "PIPEWATCH_DEMO_SPEED", "30", "PIPEWATCH_DELIVERY_MIN_INTERVAL", "100ms"));
        Process process = builder.start();
        ports.put(process, Integer.toString(port));
        return process;
    }

    private static void await(BooleanSupplier done, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
