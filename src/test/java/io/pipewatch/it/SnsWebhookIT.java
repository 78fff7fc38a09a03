package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch alarms arriving over SNS, signed as SNS signs them (the test's own key and certificate,
 * checked by the real SDK): recorded, sent to Slack once, resolved; forgeries and strangers refused.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class SnsWebhookIT {

    @SlackStandIn.Messages
    SlackStandIn.Inbox slack;

    private static final String TOPIC = SnsMessages.TOPIC;
    private static final int KIB = 1024;
    private final SnsSigner sns = SnsSigner.shared();

    @TestHTTPResource("/webhooks/sns")
    URI webhook;

    @Test
    void anAlarmFiresOnceDespiteRedeliveryAndResolves() throws Exception {
        String name = "orders-lambda-errors-" + UUID.randomUUID().toString().substring(0, 8);
        String id = SnsMessages.alertId(name);
        String alarm = sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now(), 2);
        post(alarm).statusCode(200).body(containsString("recorded"));
        post(alarm).statusCode(200).body(containsString("duplicate"));
        given().get("/api/alerts/" + id).then().statusCode(200)
                .body("state", equalTo("FIRING"))
                .body("source", equalTo("cloudwatch"))
                .body("value", equalTo(7.0f))
                .body("runbook", containsString("console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/" + name));
        var firing = slack.await(m -> m.header().equals("🔥 FIRING: " + name), 20)
                .orElseThrow(() -> new AssertionError("no FIRING message for " + name + ": " + slack));

        String ok = sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "OK", "ALARM", Instant.now().plusSeconds(1)),
                Instant.now(), 1);
        post(ok).statusCode(200);
        slack.await(m -> m.header().equals("✅ RESOLVED: " + name), 20)
                .orElseThrow(() -> new AssertionError("no RESOLVED message for " + name));
        assertEquals(1, slack.received().stream().filter(m -> m.header().equals("🔥 FIRING: " + name)).count(),
                "the redelivered message did not fire again");
        assertTrue(firing.body().toString().contains("Errors"), firing.body().toString());
    }

    @Test
    void aStaleReportDoesNotUndoANewerOne() {
        String name = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        // CloudWatch said ALARM at t, OK at t+30 s, ALARM at t+60 s; SNS delivers the OK last.
        post(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", now), now, 2)).statusCode(200);
        post(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", now.plusSeconds(60)), now, 2))
                .statusCode(200);
        post(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "OK", "ALARM", now.plusSeconds(30)), now, 2))
                .statusCode(200).body(containsString("older"));
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().body("state", equalTo("FIRING"));
    }

    @Test
    void forgedAndForeignMessagesAreRefusedAndChangeNothing() {
        String name = "forged-" + UUID.randomUUID().toString().substring(0, 8);
        String genuine = sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now(), 2);
        post(genuine.replace("ALARM", "OK")).statusCode(403).body(containsString("signature"));
        post(sns.notification("arn:aws:sns:us-east-1:999999999999:strangers", UUID.randomUUID().toString(),
                SnsMessages.alarm(name, "ALARM", "OK", Instant.now()), Instant.now(), 2)).statusCode(403).body(containsString("not in"));
        post(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now().minusSeconds(7200), 2)).statusCode(403).body(containsString("older"));
        post("not json at all").statusCode(403).contentType(containsString("text/plain"));
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().statusCode(404);
        given().get("/q/metrics").then().body(containsString("pipewatch_sns_messages_total{result=\"refused\"}"))
                .body(containsString("pipewatch_alert_groups"));
    }

    @Test
    void aSubscriptionToAnAllowedTopicIsConfirmed() {
        URI subscribe = SnsSigner.subscribeUrl(TOPIC, "token-" + UUID.randomUUID());
        post(sns.subscriptionConfirmation(TOPIC, subscribe, "token", Instant.now())).statusCode(200).body(containsString("confirmed"));
        assertTrue(sns.network().confirmations().stream().anyMatch(r -> r.uri().equals(subscribe)), sns.network().requests().toString());
    }

    /**
     * Signed, so only the size can refuse it: trailing blanks keep the JSON valid and the signature right.
     * Refused before parsing, nothing of it is recorded.
     */
    @Test
    void aBodyOverSnsLimitIsRefusedBeforeParsingAndChangesNothing() {
        String name = "oversized-" + UUID.randomUUID().toString().substring(0, 8);
        String padded = padTo(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now(), 2), 300 * KIB);
        post(padded).statusCode(413).time(lessThan(2000L)).body(containsString("body: at most 262144 bytes"));
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().statusCode(404);
        given().get("/q/metrics").then().body(containsString("pipewatch_sns_messages_total{result=\"too-large\"}"));
    }

    @Test
    void aSignedBodyJustUnderTheLimitIsAccepted() {
        String name = "roomy-" + UUID.randomUUID().toString().substring(0, 8);
        String padded = padTo(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now(), 2), 256 * KIB);
        assertEquals(256 * KIB, padded.getBytes(StandardCharsets.UTF_8).length);
        post(padded).statusCode(200).body(containsString("recorded"));
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().statusCode(200).body("state", equalTo("FIRING"));
    }

    /** A chunked body says no length up front: the count while reading refuses it. */
    @Test
    void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
        String name = "chunked-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] padded = padTo(sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "ALARM", "OK", Instant.now()),
                Instant.now(), 2), 300 * KIB).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded))).build();
        long started = System.nanoTime();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(millis < 2000, "answered after " + millis + " ms");
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().statusCode(404);
    }

    /**
     * Beyond the SNS bound, the server-wide one (1M): refused before any resource runs, so no endpoint buffers
     * 10 MB any more. Asked with Expect: 100-continue, as a careful client does; one that sends anyway has its
     * connection closed mid-body.
     */
    @Test
    void aTenMegabyteBodyIsRefusedByTheServerBeforeItIsSent() throws Exception {
        byte[] huge = new byte[10 * KIB * KIB];
        HttpRequest request = HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10)).expectContinue(true)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertFalse(response.body().contains("262144"), "the server's limit, not the resource's: " + response.body());
    }

    private static String padTo(String json, int bytes) {
        int missing = bytes - json.getBytes(StandardCharsets.UTF_8).length;
        return json + " ".repeat(missing);
    }

    private io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType("text/plain; charset=UTF-8").body(body).post("/webhooks/sns").then();
    }
}
