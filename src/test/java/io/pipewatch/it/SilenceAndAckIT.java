package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Silences and acknowledgements through the API, and what they change in Slack. */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class SilenceAndAckIT {

    @SlackStandIn.Messages
    SlackStandIn.Inbox slack;

    private final SnsSigner sns = SnsSigner.shared();

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"matchers\":[\"alarm=x\"],\"duration\":\"2h\",\"createdBy\":\"ana\"}                          | comment",
            "{\"matchers\":[\"alarm=x\"],\"duration\":\"222222222222222222222222222222222h\",\"comment\":\"c\"} | duration: at most 32 characters",
            "{\"matchers\":[],\"duration\":\"2h\",\"createdBy\":\"ana\",\"comment\":\"c\"}                   | matchers",
            "{\"matchers\":[\"alarm\"],\"duration\":\"2h\",\"createdBy\":\"ana\",\"comment\":\"c\"}           | is not a matcher",
            "{\"matchers\":[\"alarm=x\"],\"duration\":\"soon\",\"createdBy\":\"ana\",\"comment\":\"c\"}       | duration",
            "{\"matchers\":[\"alarm=x\"],\"duration\":\"90d\",\"createdBy\":\"ana\",\"comment\":\"c\"}        | at most 30 days"})
    void aBadSilenceIsRefusedNamingTheField(String body, String field) {
        given().contentType("application/json").body(body).post("/api/silences").then()
                .statusCode(400).body("error", containsString(field));
    }

    @Test
    void aMegabyteCommentIsRefusedBeforeItReachesTheStore() {
        String comment = "x".repeat(1000 * 1000);
        given().contentType("application/json").body("{\"matchers\":[\"alarm=big\"],\"duration\":\"2h\",\"comment\":\"" + comment + "\"}")
                .post("/api/silences").then().statusCode(400).body("error", equalTo("comment: at most 1000 characters (got 1000000)"));
        given().get("/api/silences?all=true").then().body("matchers.flatten()", not(hasItem("alarm=big")));
    }

    @Test
    void aSilencedAlarmIsNotSentUntilTheSilenceIsLifted() throws Exception {
        String name = "silenced-" + UUID.randomUUID().toString().substring(0, 8);
        String silence = given().contentType("application/json")
                .body("{\"matchers\":[\"alarm=" + SnsMessages.alertId(name) + "\"],\"duration\":\"2h\",\"createdBy\":\"ana\",\"comment\":\"planned work\"}")
                .post("/api/silences").then().statusCode(201)
                .body("createdBy", equalTo("anonymous")).body("endsAt", notNullValue())
                .extract().path("id");
        given().get("/api/silences").then().body("id", hasItem(silence));

        fire(name);
        given().get("/api/alerts/" + SnsMessages.alertId(name)).then().body("state", equalTo("FIRING"));
        assertTrue(slack.await(m -> m.header().contains(name), 3).isEmpty(), "silenced, yet sent to Slack");

        given().contentType("application/json").delete("/api/silences/" + silence).then().statusCode(200)
                .body("endedBy", equalTo("anonymous"));
        given().get("/api/silences").then().body("id", not(hasItem(silence)));
        given().get("/api/silences?all=true").then().body("id", hasItem(silence));
        slack.await(m -> m.header().equals("🔥 FIRING: " + name), 20)
                .orElseThrow(() -> new AssertionError("not sent once the silence ended"));
    }

    @Test
    void aFiringAlertIsAcknowledgedOnce() throws Exception {
        String name = "acked-" + UUID.randomUUID().toString().substring(0, 8);
        fire(name);
        String id = SnsMessages.alertId(name);
        given().contentType("application/json").body("{\"comment\":\"" + "x".repeat(1001) + "\"}").post("/api/alerts/" + id + "/ack")
                .then().statusCode(400).body("error", equalTo("comment: at most 1000 characters (got 1001)"));
        given().get("/api/alerts/" + id).then().body("ack", org.hamcrest.Matchers.nullValue());
        // Auth mode none: the login is "anonymous", whatever name the body claims.
        given().contentType("application/json").body("{\"by\":\"ana\",\"comment\":\"looking\"}").post("/api/alerts/" + id + "/ack")
                .then().statusCode(200).body("ack.by", equalTo("anonymous")).body("ack.comment", equalTo("looking"));
        given().get("/api/alerts/" + id).then().body("ack.by", equalTo("anonymous"));
        given().contentType("application/json").body("{\"by\":\"ana\"}").post("/api/alerts/no-such-alert/ack").then().statusCode(404);
    }

    @Test
    void onlyAFiringAlertCanBeAcknowledged() {
        String name = "ok-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        given().contentType("text/plain").body(sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                SnsMessages.alarm(name, "OK", "INSUFFICIENT_DATA", now), now, 2)).post("/webhooks/sns").then().statusCode(200);
        given().contentType("application/json").body("{\"by\":\"ana\"}").post("/api/alerts/" + SnsMessages.alertId(name) + "/ack").then()
                .statusCode(409).body("error", containsString("not firing"));
    }

    private void fire(String name) {
        Instant now = Instant.now();
        given().contentType("text/plain").body(sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                SnsMessages.alarm(name, "ALARM", "OK", now), now, 2)).post("/webhooks/sns").then().statusCode(200);
    }
}
