package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An alert's page and its history API: transitions, notifications and silences of a scripted alert; a chart of its metric. */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class AlertPageIT {

    @SlackStandIn.Messages
    SlackStandIn.Inbox slack;

    private final SnsSigner sns = SnsSigner.shared();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theHistoryTellsEveryTransitionEveryMessageAndEverySilenceOfAnAlert() throws Exception {
        String name = "paged-" + UUID.randomUUID().toString().substring(0, 8);
        String id = SnsMessages.alertId(name);
        Instant fired = Instant.now().minusSeconds(120);
        report(name, "ALARM", "OK", fired);
        slack.await(m -> m.header().equals("🔥 FIRING: " + name), 20).orElseThrow(() -> new AssertionError("not sent"));
        String silence = given().contentType("application/json")
                .body("{\"matchers\":[\"alarm=" + id + "\"],\"duration\":\"1h\",\"comment\":\"looking at it\"}")
                .post("/api/silences").then().statusCode(201).extract().path("id");
        report(name, "OK", "ALARM", fired.plusSeconds(60));

        JsonNode history = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> json.readTree(given().get("/api/alerts/" + id + "/history").then().statusCode(200).extract().asString()),
                        h -> h.get("transitions").size() >= 2);
        List<String> states = StreamSupport.stream(history.get("transitions").spliterator(), false).map(t -> t.get("to").asText()).toList();
        assertEquals("FIRING", states.get(0), history.toPrettyString());
        assertEquals("RESOLVED", states.get(states.size() - 1), history.toPrettyString());
        JsonNode notice = history.get("notifications").get(0);
        assertEquals("slack", notice.get("receiver").asText());
        assertEquals("firing", notice.get("kind").asText());
        assertEquals("delivered", notice.get("outcome").asText(), "told as Slack answered: " + history.get("notifications"));
        assertEquals(silence, history.get("silences").get(0).get("id").asText());
        assertEquals("CloudWatch evaluates this alarm and reports it over SNS; Pipewatch does not poll what it watches.",
                history.get("chart").get("note").asText());
        assertEquals(1, history.get("chart").get("spans").size(), "one firing span");
        assertEquals("FIRING", history.get("chart").get("spans").get(0).get("state").asText());

        String page = given().get("/alerts/" + id).then().statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(page.contains("data-transition=\"RESOLVED\""), page);
        assertTrue(page.contains("data-notification=\"delivered\""), page);
        assertTrue(page.contains("data-silence=\"" + silence + "\""), page);
        assertTrue(page.contains("looking at it"), page);
        assertFalse(page.contains("{history"), "every expression rendered");
    }

    @Test
    void anAlarmOfOursIsChartedWithItsThreshold() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/alerts/stream-consumers-falling-behind/history").statusCode() == 200);
        given().get("/api/alerts/stream-consumers-falling-behind/history").then().statusCode(200)
                .body("chart.threshold", equalTo(30000.0f))
                .body("chart.unit", equalTo("milliseconds"))
                .body("chart.times.size()", equalTo(180))
                .body("stageLink", containsString("/dashboards/demo-pipeline#stage-"));
        given().get("/alerts/stream-consumers-falling-behind").then().statusCode(200)
                .body(containsString("data-alert-chart=")).body(containsString("/runbooks/iterator-age-high\">runbook</a>"));
        given().get("/").then().body(containsString("href=\"/alerts/"));
    }

    @Test
    void anUnknownAlertIsA404NamingIt() {
        given().get("/api/alerts/no-such-alert/history").then().statusCode(404);
        given().get("/alerts/no-such-alert").then().statusCode(404);
    }

    private void report(String name, String state, String old, Instant at) throws Exception {
        given().contentType("text/plain").body(sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                SnsMessages.alarm(name, state, old, at), at, 2)).post("/webhooks/sns").then().statusCode(200);
    }
}
