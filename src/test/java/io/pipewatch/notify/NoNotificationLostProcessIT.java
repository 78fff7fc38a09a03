package io.pipewatch.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.PackagedJar;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as it starts by default (no PIPEWATCH_STORE_PATH: the embedded store on disk in
 * {@code data/} of its working directory, here a temporary one): Slack is down while alerts fire, the
 * process is killed with SIGKILL, started again, Slack comes back — and every notification Slack saw
 * attempted before the kill is delivered after the restart. None lost.
 */
class NoNotificationLostProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> EACH_ALARM_AT_ONCE = Map.of("PIPEWATCH_ROUTE_GROUP_BY", "alarm",
            "PIPEWATCH_ROUTE_GROUP_WAIT", "0s", "PIPEWATCH_ROUTE_GROUP_INTERVAL", "1s");
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pipewatch-alarms";
    /** CloudWatch alarms over SNS (an emulator's unsigned messages), grouped as in production, only faster. */
    private static final Map<String, String> SNS_GROUPED = Map.of("PIPEWATCH_SNS_TOPIC_ARNS", TOPIC,
            "PIPEWATCH_SNS_VERIFY_SIGNATURES", "false", "PIPEWATCH_ROUTE_GROUP_BY", "team",
            "PIPEWATCH_ROUTE_GROUP_WAIT", "1s", "PIPEWATCH_ROUTE_GROUP_INTERVAL", "30s");

    private static final String WEBHOOK = "/services/T0/B0/not-a-real-secret-";
    private static final String DOWN = "down";
    private static final String UP = "up";

    /** The working directory of both runs: the default store lands in its data/, not in the repository's. */
    @TempDir
    Path workDir;

    @Test
    void notificationsSurviveSigkillWhileSlackIsDown() throws Exception {
        // As JSON trees: the same message from another JVM may order its keys differently.
        Set<JsonNode> attemptedWhileDown = ConcurrentHashMap.newKeySet();
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
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
                    // Down for the first run's webhook, up for the second's: a request of the killed process
                    // still in flight can never count as delivered after the restart.
                    if (request.getUrl().encodedPath().endsWith(DOWN)) {
                        attemptedWhileDown.add(body);
                        return new MockResponse.Builder().code(503).body("service_unavailable").build();
                    }
                    accepted.add(body);
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            slack.start();

            Path firstLog = Files.createTempFile("pipewatch-kill-1", ".log");
            Process first = start(slack.url(WEBHOOK + DOWN).toString(), firstLog, EACH_ALARM_AT_ONCE);
            int backlog = 0;
            try {
                backlog = Awaitility.await("three notifications durably waiting for Slack").atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(200)).until(() -> backlog(first, firstLog), n -> n >= 3);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // asserted below, with the count it reached
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed on the way out
                first.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(backlog >= 3, "notifications waiting for Slack at the kill: " + backlog);
            assertTrue(Files.readString(firstLog).contains("Embedded store: on disk in "), "the durable default is announced");
            assertTrue(Files.isDirectory(workDir.resolve("data")), "the default store is data/ in the working directory");
            Set<JsonNode> attempted = Set.copyOf(attemptedWhileDown);

            Path secondLog = Files.createTempFile("pipewatch-kill-2", ".log");
            Process second = start(slack.url(WEBHOOK + UP).toString(), secondLog, EACH_ALARM_AT_ONCE);
            int left;
            try {
                left = awaitLeftover(secondLog);
                int leftover = left;
                await(() -> accepted.size() >= leftover, 60);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(left >= backlog, "the restart took up " + left + " of the " + backlog + " waiting at the kill; last status "
                    + lastStatus + "\nfirst run:\n" + deliveryLines(firstLog) + "second run:\n" + deliveryLines(secondLog));
            List<JsonNode> firstAfterRestart = accepted.subList(0, left);
            assertTrue(firstAfterRestart.containsAll(attempted), "the one being retried at the kill is among them");
            assertTrue(Set.copyOf(firstAfterRestart).size() == left, "each delivered once");
        }
    }

    /**
     * Alarms arrive over SNS while Slack is down: the first batch's message is being retried, the second
     * batch is only recorded (still in its group wait) when the process is killed. After the restart,
     * with Slack back, every alarm of both batches reaches Slack, and no message is sent twice.
     */
    @Test
    void alarmsReceivedBeforeSigkillAreAllAnnouncedAfterTheRestart() throws Exception {
        String batch = "lost-" + Long.toString(System.nanoTime(), 36);
        List<String> first = List.of(batch + "-a1", batch + "-a2", batch + "-a3");
        List<String> second = List.of(batch + "-b1", batch + "-b2", batch + "-b3");
        List<JsonNode> accepted = new CopyOnWriteArrayList<>();
        try (MockWebServer slack = new MockWebServer()) {
            slack.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().endsWith(DOWN)) {
                        return new MockResponse.Builder().code(503).body("service_unavailable").build();
                    }
                    try {
                        accepted.add(JSON.readTree(request.getBody().utf8()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return new MockResponse.Builder().code(200).body("ok").build();
                }
            });
            slack.start();

            // No alarms of its own: the queue holds only the SNS alarms' messages, so the backlog says when the
            // first batch's message is in the outbox.
            Map<String, String> env = new java.util.HashMap<>(SNS_GROUPED);
            env.put("PIPEWATCH_ALARMS_DIR", Files.createTempDirectory("no-alarms").toString());
            Path beforeLog = Files.createTempFile("pipewatch-sns-1", ".log");
            Process before = start(slack.url(WEBHOOK + DOWN).toString(), beforeLog, env);
            try {
                await(() -> backlog(before, null) >= 0, 60);
                assertTrue(Files.readString(beforeLog).contains("ERROR") && Files.readString(beforeLog).contains("WITHOUT signature checks"),
                        "the emulator switch is announced loudly");
                for (String name : first) {
                    assertEquals(200, postAlarm(before, name), "recorded before it is answered");
                }
                await(() -> backlog(before, null) >= 1, 30);
                assertTrue(backlog(before, null) >= 1, "the first batch's message waits in the outbox");
                for (String name : second) {
                    assertEquals(200, postAlarm(before, name));
                }
            } finally {
                // The second batch's message may or may not be in the outbox yet: either way it must arrive once.
                before.destroyForcibly();
                before.waitFor(10, TimeUnit.SECONDS);
            }

            Process after = start(slack.url(WEBHOOK + UP).toString(), Files.createTempFile("pipewatch-sns-2", ".log"), env);
            try {
                List<String> all = new java.util.ArrayList<>(first);
                all.addAll(second);
                // Done when every alarm reached Slack and nothing waits any more: a leftover sent twice would have
                // been sent before the queue emptied.
                await(() -> all.stream().allMatch(name -> mentioned(accepted, name) > 0) && backlog(after, null) == 0, 60);
            } finally {
                after.destroy();
                after.waitFor(10, TimeUnit.SECONDS);
            }
            List<JsonNode> ours = accepted.stream().filter(m -> m.toString().contains(batch)).toList();
            for (String name : second) {
                assertEquals(1, mentioned(ours, name), name + " in " + ours);
            }
            for (String name : first) {
                assertTrue(mentioned(ours, name) >= 1, name + " lost: " + ours);
            }
            assertEquals(2, ours.size(), "the first batch's message once, then the group with both batches: " + ours);
            assertEquals(Set.copyOf(ours).size(), ours.size(), "no message delivered twice");
        }
    }

    /**
     * The Slack app: an alarm's message is posted, the process is killed with SIGKILL before anything else happens, and
     * after the restart the alarm's resolution edits that same message (its {@code ts}): the message it keeps was
     * recorded with the delivery, so nothing is posted twice.
     */
    @Test
    void aSlackAppMessagePostedBeforeSigkillIsEditedAfterTheRestartNeverPostedAgain() throws Exception {
        String name = "app-" + Long.toString(System.nanoTime(), 36);
        String token = "xoxb-7777-7777-n0tAr3alB0tT0k3n";
        try (var slack = new io.pipewatch.testing.SlackApiStandIn(token)) {
            Map<String, String> env = new java.util.HashMap<>(SNS_GROUPED);
            env.putAll(Map.of("PIPEWATCH_ROUTE_GROUP_BY", "alarm", "PIPEWATCH_ROUTE_GROUP_WAIT", "0s",
                    "PIPEWATCH_ROUTE_GROUP_INTERVAL", "1s", "PIPEWATCH_SLACK_WEBHOOK_URL", "",
                    "PIPEWATCH_SLACK_BOT_TOKEN", token, "PIPEWATCH_SLACK_CHANNEL", io.pipewatch.testing.SlackApiStandIn.CHANNEL_ID,
                    "PIPEWATCH_SLACK_API_URL", slack.apiUrl(),
                    "PIPEWATCH_ALARMS_DIR", Files.createTempDirectory("no-alarms").toString()));
            java.time.Instant fired = java.time.Instant.now();
            Path firstLog = Files.createTempFile("pipewatch-app-1", ".log");
            Process first = start("", firstLog, env);
            try {
                await(() -> backlog(first, null) >= 0, 60);
                assertEquals(200, postAlarm(first, name, "ALARM", "OK", fired));
                // Delivered means recorded: the message's ts is written in the transaction that settles the delivery.
                await(() -> sent(first) >= 1, 30);
                assertEquals(1, sent(first), "the post delivered before the kill");
            } finally {
                first.destroyForcibly();
                first.waitFor(10, TimeUnit.SECONDS);
            }
            String ts = slack.messageAbout(name).orElseThrow(() -> new AssertionError("never posted: " + slack.calls()));

            Process second = start("", Files.createTempFile("pipewatch-app-2", ".log"), env);
            try {
                await(() -> backlog(second, null) >= 0, 60);
                assertEquals(200, postAlarm(second, name, "OK", "ALARM", fired.plusSeconds(5)));
                await(() -> !slack.calls("chat.update").isEmpty(), 30);
            } finally {
                second.destroy();
                second.waitFor(10, TimeUnit.SECONDS);
            }
            assertEquals(List.of(ts), slack.calls("chat.update").stream().map(c -> c.text("ts")).distinct().toList(),
                    "the restart edited the message posted before the kill");
            assertEquals(1, slack.posts().stream().filter(p -> p.body().toString().contains(name)).count(),
                    "posted once: " + slack.calls());
            assertTrue(slack.message(ts).toString().contains("#2EB67D"), "now green, resolved: " + slack.message(ts));
            assertTrue(slack.replies().stream().anyMatch(r -> r.text("thread_ts").equals(ts) && r.text("text").contains("resolved")),
                    "the resolution told in the thread: " + slack.replies());
        }
    }

    /** Messages the default receiver delivered, from /api/status (-1 until the service answers). */
    private int sent(Process process) {
        return receiverStatus(process).map(r -> r.get("sent").asInt()).orElse(-1);
    }

    private static long mentioned(List<JsonNode> messages, String name) {
        return messages.stream().filter(m -> m.toString().contains(name)).count();
    }

    /** An unsigned SNS notification of a CloudWatch alarm going to ALARM; the HTTP status. */
    private int postAlarm(Process process, String name) throws Exception {
        return postAlarm(process, name, "ALARM", "OK", java.time.Instant.now());
    }

    /** An unsigned SNS notification of a CloudWatch alarm going to {@code state} at {@code at}; the HTTP status. */
    private int postAlarm(Process process, String name, String state, String old, java.time.Instant at) throws Exception {
        String now = at.toString();
        String alarm = JSON.writeValueAsString(Map.of("AlarmName", name, "NewStateValue", state, "OldStateValue", old,
                "NewStateReason", "Threshold Crossed", "StateChangeTime", now,
                "AlarmArn", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name,
                "Trigger", Map.of("MetricName", "Errors", "Namespace", "AWS/Lambda", "Statistic", "SUM", "Period", 60,
                        "EvaluationPeriods", 1, "ComparisonOperator", "GreaterThanThreshold", "Threshold", 5)));
        String body = JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", java.util.UUID.randomUUID().toString(),
                "TopicArn", TOPIC, "Timestamp", now, "Message", alarm));
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + portOf(process) + "/webhooks/sns"))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    /** Notifications waiting in the durable outbox, from /api/status (-1 until the service answers). */
    private int backlog(Process process, Path log) {
        return receiverStatus(process).map(body -> {
            lastStatus = body.toString();
            // Only what is in the durable outbox counts: the kill is meant to test durability, not luck.
            return body.get("backlog").asInt() - body.get("unrecorded").asInt();
        }).orElse(-1);
    }

    /** The default receiver's delivery status from /api/status; empty until the service answers. */
    private java.util.Optional<JsonNode> receiverStatus(Process process) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + portOf(process) + "/api/status")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return java.util.Optional.of(JSON.readTree(response.body()).get("receivers").get(0));
        } catch (Exception notYet) {
            return java.util.Optional.empty();
        }
    }

    /** The last receiver status read, for a failure to show. */
    private volatile String lastStatus = "";

    /** What the delivery and the store logged, for a failure to show. */
    private static String deliveryLines(Path log) throws java.io.IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            if (line.contains("delivery") || line.contains("Delivery") || line.contains("DynamoDb") || line.contains("Outbox")
                    || line.contains("outbox")) {
                out.append(line, 0, Math.min(line.length(), 300)).append('\n');
            }
        }
        return out.toString();
    }

    private static int awaitLeftover(Path log) {
        var pattern = java.util.regex.Pattern.compile("(\\d+) notification\\(s\\) for slack left from before the restart");
        return Awaitility.await("the restart reports what it took up").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    var m = pattern.matcher(Files.readString(log));
                    return m.find() ? Integer.parseInt(m.group(1)) : -1;
                }, n -> n >= 0);
    }

    private final Map<Process, String> ports = new ConcurrentHashMap<>();

    private String portOf(Process process) {
        return ports.get(process);
    }

    private Process start(String webhook, Path log, Map<String, String> env) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var builder = new ProcessBuilder(PackagedJar.command())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("PIPEWATCH_STORE_PATH"); // the default, as a user's first start has it
        builder.environment().putAll(Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                "PIPEWATCH_SLACK_WEBHOOK_URL", webhook,
                "PIPEWATCH_DEMO_SPEED", "30", "PIPEWATCH_DELIVERY_MIN_INTERVAL", "100ms",
                // The shipped definitions, read from the repository while the working directory is elsewhere.
                "PIPEWATCH_ALARMS_DIR", Path.of("alarms").toAbsolutePath().toString(),
                "PIPEWATCH_DASHBOARDS_DIR", Path.of("dashboards").toAbsolutePath().toString(),
                "PIPEWATCH_RUNBOOKS_DIR", Path.of("docs/runbooks").toAbsolutePath().toString()));
        builder.environment().putAll(env);
        Process process = builder.start();
        ports.put(process, Integer.toString(port));
        return process;
    }

    /** Waits for the condition, or gives up after the time; what was asked is asserted afterwards. */
    private static void await(BooleanSupplier done, int seconds) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(seconds)).pollInterval(Duration.ofMillis(100)).until(done::getAsBoolean);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the assertions that follow say what is missing
        }
    }
}
