package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
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

    private static final String TOPIC = SnsMessages.TOPIC;
    private final SnsSigner sns = SnsSigner.shared();

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
        var firing = SlackStandIn.await(m -> m.header().equals("🔥 FIRING: " + name), 20)
                .orElseThrow(() -> new AssertionError("no FIRING message for " + name + ": " + SlackStandIn.RECEIVED));

        String ok = sns.notification(TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, "OK", "ALARM", Instant.now().plusSeconds(1)),
                Instant.now(), 1);
        post(ok).statusCode(200);
        SlackStandIn.await(m -> m.header().equals("✅ RESOLVED: " + name), 20)
                .orElseThrow(() -> new AssertionError("no RESOLVED message for " + name));
        assertEquals(1, SlackStandIn.RECEIVED.stream().filter(m -> m.header().equals("🔥 FIRING: " + name)).count(),
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

    private io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType("text/plain; charset=UTF-8").body(body).post("/webhooks/sns").then();
    }
}
