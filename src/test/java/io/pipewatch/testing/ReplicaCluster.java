package io.pipewatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Replicas of the packaged jar as they run in production, on one machine: the standalone store ({@code store-server}),
 * replicas in aws mode against the CloudWatch stand-in, CloudWatch alarms arriving over SNS (emulator setting, one
 * message per alarm at once after a group wait), one Slack webhook stand-in that records every message. For the
 * replica process tests and the replica benchmark.
 */
public final class ReplicaCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pipewatch-alarms";

    /** One replica process: its id (also its AWS access key, which tells its CloudWatch calls apart), port, log. */
    public record Replica(String id, Process process, int port, Path log) {
        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<JsonNode> slackMessages = new CopyOnWriteArrayList<>();
    private final List<Instant> slackTimes = new CopyOnWriteArrayList<>();
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private final CloudWatchFake cloudWatch;
    private final StoreServerProcess store;
    private final MockWebServer slack;
    private final Duration lease;
    private final Duration renew;
    private final Duration groupWait;

    /**
     * @param lease the replicas' lease duration
     * @param renew how often the leader renews and followers look
     * @param groupWait the route's group wait: how long a leader holds an alarm before its message is due
     */
    public ReplicaCluster(Duration lease, Duration renew, Duration groupWait) throws Exception {
        this.lease = lease;
        this.renew = renew;
        this.groupWait = groupWait;
        cloudWatch = new CloudWatchFake();
        cloudWatch.constant("AWS/Lambda Invocations{FunctionName=ingest-impressions}:Sum", 100);
        store = StoreServerProcess.start();
        slack = new MockWebServer();
        slack.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                try {
                    slackMessages.add(JSON.readTree(request.getBody().utf8()));
                    slackTimes.add(Instant.now());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(200).body("ok").build();
            }
        });
        slack.start();
    }

    /** Starts a replica of the packaged jar; it leads if nobody does. */
    public Replica start(String id) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("pipewatch-replica-" + id, ".log");
        var builder = new ProcessBuilder(PackagedJar.command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("AWS_PROFILE");
        Map<String, String> env = new HashMap<>(Map.of("PIPEWATCH_MODE", "aws", "PIPEWATCH_AUTH_MODE", "none",
                "QUARKUS_HTTP_PORT", Integer.toString(port), "AWS_ENDPOINT_URL", cloudWatch.endpoint().toString(),
                "AWS_ENDPOINT_URL_DYNAMODB", store.endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", id, "AWS_SECRET_ACCESS_KEY", "replica-test-secret",
                "PIPEWATCH_REPLICA_ID", id, "PIPEWATCH_REPLICA_URL", "http://127.0.0.1:" + port));
        env.putAll(Map.of("PIPEWATCH_REPLICA_LEASE_DURATION", lease.toMillis() + "ms",
                "PIPEWATCH_REPLICA_RENEW_INTERVAL", renew.toMillis() + "ms",
                "PIPEWATCH_SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/replicas").toString(),
                "PIPEWATCH_SNS_TOPIC_ARNS", TOPIC, "PIPEWATCH_SNS_VERIFY_SIGNATURES", "false",
                "PIPEWATCH_ROUTE_GROUP_BY", "alarm", "PIPEWATCH_ROUTE_GROUP_WAIT", groupWait.toMillis() + "ms",
                "PIPEWATCH_ROUTE_GROUP_INTERVAL", "1s"));
        builder.environment().putAll(env);
        Replica replica = new Replica(id, builder.start(), port, log);
        replicas.add(replica);
        return replica;
    }

    /** Starts a replica and waits until it leads (the first one started leads). */
    public Replica startLeader(String id) throws Exception {
        Replica replica = start(id);
        await(id + " leads", () -> leads(replica));
        return replica;
    }

    /** Starts a replica and waits until it follows {@code leader}. */
    public Replica startFollower(String id, Replica leader) throws Exception {
        Replica replica = start(id);
        await(id + " follows " + leader.id(), () -> leader.id().equals(leaderSeenBy(replica)));
        return replica;
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill(Replica replica) throws InterruptedException {
        replica.process().destroyForcibly();
        replica.process().waitFor(10, TimeUnit.SECONDS);
    }

    /** Sends a signal (STOP, CONT) with kill(1). */
    public void signal(Replica replica, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(replica.process().pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    public boolean leads(Replica replica) {
        return status(replica).path("replica").path("leader").asBoolean();
    }

    public String leaderSeenBy(Replica replica) {
        return status(replica).path("replica").path("leaderId").asText();
    }

    public JsonNode status(Replica replica) {
        return get(replica, "/api/status");
    }

    /** The answer as JSON; an empty object for anything but 200, or no answer. */
    public JsonNode get(Replica replica, String path) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(Duration.ofSeconds(15))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
        } catch (Exception notYet) {
            return JSON.createObjectNode();
        }
    }

    public int code(Replica replica, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An unsigned SNS notification of a CloudWatch alarm going to ALARM now: the HTTP status and the answer's text. */
    public HttpResponse<String> postAlarm(Replica replica, String name) throws Exception {
        Instant at = Instant.now();
        String body = JSON.writeValueAsString(Map.of("Type", "Notification", "MessageId", java.util.UUID.randomUUID().toString(),
                "TopicArn", TOPIC, "Timestamp", at.toString(), "Message", SnsMessages.alarm(name, "ALARM", "OK", at)));
        return http.send(HttpRequest.newBuilder(URI.create(replica.url() + "/webhooks/sns")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "text/plain; charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST as a browser's script sends it (same origin); the response. */
    public HttpResponse<String> postJson(Replica replica, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(replica.url() + path)).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Slack messages that name the alarm. */
    public long mentions(String alarm) {
        return slackMessages.stream().filter(m -> m.toString().contains(alarm)).count();
    }

    /** When Slack first got a message naming the alarm, if it did. */
    public java.util.Optional<Instant> firstMention(String alarm) {
        for (int i = 0; i < slackMessages.size(); i++) {
            if (slackMessages.get(i).toString().contains(alarm)) {
                return java.util.Optional.of(slackTimes.get(i));
            }
        }
        return java.util.Optional.empty();
    }

    public List<JsonNode> slackMessages() {
        return List.copyOf(slackMessages);
    }

    /** GetMetricData calls signed with the replica's key (its id). */
    public int callsBy(String id) {
        return (int) cloudWatch.calls().stream().filter(c -> c.operation().equals("GetMetricData") && c.accessKey().equals(id)).count();
    }

    /** GetMetricData calls by every replica. */
    public int calls() {
        return (int) cloudWatch.calls().stream().filter(c -> c.operation().equals("GetMetricData")).count();
    }

    /** Waits up to a minute; on timeout, fails with every replica's status and log. */
    public void await(String what, java.util.concurrent.Callable<Boolean> done) throws java.io.IOException {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(done);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (Replica r : replicas) {
                logs.append("\n--- ").append(r.id()).append(": ").append(status(r)).append("\n").append(Files.readString(r.log()));
            }
            throw new AssertionError(what + "; Slack got " + slackMessages + logs, e);
        }
    }

    @Override
    public void close() throws Exception {
        for (Replica r : replicas) {
            r.process().destroyForcibly();
            r.process().waitFor(10, TimeUnit.SECONDS);
        }
        slack.close();
        store.close();
        cloudWatch.close();
    }
}
