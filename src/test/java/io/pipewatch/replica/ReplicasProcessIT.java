package io.pipewatch.replica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.CloudWatchFake;
import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.StoreServerProcess;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as replicas: the standalone store ({@code store-server}), replicas in aws mode against the CloudWatch
 * stand-in, CloudWatch alarms arriving over SNS (emulator setting), one Slack webhook stand-in. One replica leads: it
 * alone polls CloudWatch and sends; the follower serves the same pages and holds SNS messages for it. The leader is killed (SIGKILL) and the follower leads within 30 s, sending
 * what follows once and nothing twice; a leader paused past its lease (SIGSTOP) and woken sends nothing and exits.
 */
class ReplicasProcessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pipewatch-alarms";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<JsonNode> slackMessages = new CopyOnWriteArrayList<>();
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private CloudWatchFake cloudWatch;
    private StoreServerProcess store;
    private MockWebServer slack;

    /** One replica process: its id (also its AWS access key, which tells its CloudWatch calls apart), port, log. */
    private record Replica(String id, Process process, int port, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    @BeforeEach
    void start() throws Exception {
        cloudWatch = new CloudWatchFake();
        cloudWatch.constant("AWS/Lambda Invocations{FunctionName=ingest-impressions}:Sum", 100);
        store = StoreServerProcess.start();
        slack = new MockWebServer();
        slack.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    slackMessages.add(JSON.readTree(request.getBody().utf8()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        slack.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (Replica r : replicas) {
            r.process().destroyForcibly();
            r.process().waitFor(10, TimeUnit.SECONDS);
        }
        slack.close();
        store.close();
        cloudWatch.close();
    }

    @Test
    void theFollowerServesTheLeadersDataTakesOverWithin30sOfAKillAndNothingIsSentTwice() throws Exception {
        Replica one = replica("REPLICAONE");
        awaitStatus(one, s -> s.path("replica").path("leader").asBoolean(), "replica one leads");
        Replica two = replica("REPLICATWO");
        awaitStatus(two, s -> "REPLICAONE".equals(s.path("replica").path("leaderId").asText()), "replica two follows one");
        assertEquals("recorded", postAlarm(one, "replicas-before", Instant.now()).strip());
        await("the incident in progress reaches Slack", () -> mentions("replicas-before") >= 1);
        await("the leader polls CloudWatch", () -> callsBy("REPLICAONE") > 0);

        // The follower serves the leader's data, as itself.
        JsonNode status = status(two);
        assertEquals("REPLICATWO", status.path("replica").path("id").asText(), status.toString());
        assertTrue(!status.path("replica").path("leader").asBoolean(), status.toString());
        assertTrue(status.path("sources").size() > 0 && status.path("sources").get(0).path("lastSuccess").isTextual(),
                "the sources the leader polls: " + status);
        assertEquals("FIRING", get(two, "/api/alerts/" + SnsMessages.alertId("replicas-before")).path("state").asText());
        assertEquals(200, code(two, "/q/health/ready"), "a follower is ready");

        // SNS to the follower: held for the leader, acted on once.
        assertEquals("held for the leader", postAlarm(two, "replicas-held", Instant.now()).strip());
        await("the alarm sent to the follower reaches Slack", () -> mentions("replicas-held") >= 1);
        assertEquals(0, callsBy("REPLICATWO"), "the follower polls nothing");

        // The leader dies.
        long killed = System.nanoTime();
        one.process().destroyForcibly();
        one.process().waitFor(10, TimeUnit.SECONDS);
        int callsAtKill = callsBy("REPLICAONE");
        awaitStatus(two, s -> s.path("replica").path("leader").asBoolean(), "replica two takes over");
        long takeover = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        assertTrue(takeover < 30_000, "took over in " + takeover + " ms");
        assertEquals("FIRING", get(two, "/api/alerts/" + SnsMessages.alertId("replicas-before")).path("state").asText(),
                "the new leader restored the alerts");
        assertEquals("recorded", postAlarm(two, "replicas-after", Instant.now()).strip());
        await("an alarm after the takeover reaches Slack", () -> mentions("replicas-after") >= 1);
        await("the new leader polls", () -> callsBy("REPLICATWO") > 0);

        assertEquals(callsAtKill, callsBy("REPLICAONE"), "nothing from the dead leader");
        assertEquals(1, mentions("replicas-before"), "announced by the first leader, not again by the second: " + slackMessages);
        assertEquals(1, mentions("replicas-held"), slackMessages.toString());
        assertEquals(1, mentions("replicas-after"), slackMessages.toString());
    }

    @Test
    void aLeaderPausedPastItsLeaseSendsNothingWhenItWakesAndExits() throws Exception {
        Replica one = replica("PAUSEDONE");
        awaitStatus(one, s -> s.path("replica").path("leader").asBoolean(), "replica one leads");
        Replica two = replica("PAUSEDTWO");
        awaitStatus(two, s -> "PAUSEDONE".equals(s.path("replica").path("leaderId").asText()), "replica two follows one");
        // Recorded by the leader, which is paused before its group wait (2 s) lets it send the message.
        assertEquals("recorded", postAlarm(one, "replicas-paused", Instant.now()).strip());
        signal(one, "STOP");
        awaitStatus(two, s -> s.path("replica").path("leader").asBoolean(), "replica two takes over from the paused one");
        await("the new leader sends what the paused one had not", () -> mentions("replicas-paused") >= 1);
        int slackBeforeWaking = slackMessages.size();

        signal(one, "CONT");
        assertTrue(one.process().waitFor(30, TimeUnit.SECONDS), "the woken replica learns it was deposed and exits");
        assertEquals(3, one.process().exitValue(), "the status of a lost lease");
        String log = Files.readString(one.log());
        assertTrue(log.contains("no longer leads"), log);
        assertEquals(slackBeforeWaking, slackMessages.size(), "nothing sent by the woken replica: " + slackMessages);
        assertEquals(1, mentions("replicas-paused"));
    }

    private static void signal(Replica replica, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(replica.process().pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal);
    }

    private Replica replica(String id) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("pipewatch-replica-" + id, ".log");
        var builder = new ProcessBuilder("java", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("test.pipewatch.jar"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("AWS_PROFILE");
        Map<String, String> env = new HashMap<>(Map.of("PIPEWATCH_MODE", "aws", "PIPEWATCH_AUTH_MODE", "none",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "AWS_ENDPOINT_URL", cloudWatch.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", store.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", id, "AWS_SECRET_ACCESS_KEY", "replica-test-secret",
                "PIPEWATCH_REPLICA_ID", id, "PIPEWATCH_REPLICA_URL", "http://127.0.0.1:" + port));
        env.putAll(Map.of("PIPEWATCH_REPLICA_LEASE_DURATION", "6s", "PIPEWATCH_REPLICA_RENEW_INTERVAL", "1s",
                "PIPEWATCH_SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/replicas").toString(),
                "PIPEWATCH_SNS_TOPIC_ARNS", TOPIC, "PIPEWATCH_SNS_VERIFY_SIGNATURES", "false",
                "PIPEWATCH_ROUTE_GROUP_BY", "alarm", "PIPEWATCH_ROUTE_GROUP_WAIT", "2s", "PIPEWATCH_ROUTE_GROUP_INTERVAL", "1s"));
        builder.environment().putAll(env);
        Replica replica = new Replica(id, builder.start(), port, log);
        replicas.add(replica);
        return replica;
    }

    private long mentions(String alarm) {
        return slackMessages.stream().filter(m -> m.toString().contains(alarm)).count();
    }

    private int callsBy(String key) {
        return (int) cloudWatch.calls().stream().filter(c -> c.operation().equals("GetMetricData") && c.accessKey().equals(key)).count();
    }

    private void await(String what, java.util.concurrent.Callable<Boolean> done) throws java.io.IOException {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (Replica r : replicas) {
                logs.append("\n--- ").append(r.id()).append(": ").append(status(r)).append("\n").append(get(r, "/api/alerts"))
                        .append("\n").append(Files.readString(r.log()));
            }
            throw new AssertionError(what + "; Slack got " + slackMessages + logs, e);
        }
    }

    private void awaitStatus(Replica replica, java.util.function.Predicate<JsonNode> done, String what) throws Exception {
        try {
            await(what, () -> done.test(status(replica)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(what + ": last status " + status(replica) + "\nlog:\n" + Files.readString(replica.log()), e);
        }
    }

    private JsonNode status(Replica replica) {
        return get(replica, "/api/status");
    }

    private JsonNode get(Replica replica, String path) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        } catch (Exception notYet) {
            return JSON.createObjectNode();
        }
    }

    private int code(Replica replica, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** An unsigned SNS notification (the emulator setting) of a CloudWatch alarm going to ALARM; the answer's text. */
    private String postAlarm(Replica replica, String name, Instant at) throws Exception {
        String alarm = SnsMessages.alarm(name, "ALARM", "OK", at);
        String body = JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", java.util.UUID.randomUUID().toString(),
                "TopicArn", TOPIC, "Timestamp", at.toString(), "Message", alarm));
        var response = http.send(HttpRequest.newBuilder(URI.create(replica.url() + "/webhooks/sns")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
