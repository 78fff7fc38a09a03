package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.notify.slack.app.SlackSignature;
import io.pipewatch.testing.SlackApiStandIn;
import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Slack app mode end to end: a CloudWatch alarm over SNS becomes one Slack message through a real local server
 * standing in for Slack's Web API; Acknowledge and Silence pressed in Slack (signed as Slack signs) act and edit that
 * message; presses that are unsigned, badly signed, stale or from someone not allowed change nothing.
 */
@QuarkusTest
// Shared by every in-process test (as SlackStandIn is), so this class needs no start of its own: the route only
// takes alarms named slackapp-…, which no other test raises.
@QuarkusTestResource(SlackAppIT.StandIn.class)
class SlackAppIT {

    static final String TOKEN = "xoxb-4242-4242-n0tAr3alB0tT0k3n";
    static final String SIGNING_SECRET = "n0t-a-r3al-s1gning-s3cr3t";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SnsSigner sns = SnsSigner.shared();
    private final SlackSignature slackSigns = new SlackSignature(SIGNING_SECRET);

    @Stand
    SlackApiStandIn slack;

    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @interface Stand {
    }

    /** The Web API stand-in, and the app receiver {@code oncall} that alarms named {@code slackapp-…} are routed to. */
    public static class StandIn implements QuarkusTestResourceLifecycleManager {
        private SlackApiStandIn slack;

        @Override
        public Map<String, String> start() {
            slack = new SlackApiStandIn(TOKEN);
            slack.userGroup("S0ONCALL", "U0BOB");
            return Map.of("pipewatch.receivers.oncall.bot-token", TOKEN,
                    "pipewatch.receivers.oncall.channel", "#alerts",
                    "pipewatch.routes[0].match", "alarm=~.*slackapp.*",
                    "pipewatch.routes[0].receiver", "oncall",
                    "pipewatch.slack.api-url", slack.apiUrl(),
                    "pipewatch.slack.signing-secret", SIGNING_SECRET,
                    "pipewatch.slack.responders", "U0ANA,S0ONCALL");
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(slack, new TestInjector.AnnotatedAndMatchesType(Stand.class, SlackApiStandIn.class));
        }

        @Override
        public void stop() {
            slack.close();
        }
    }

    @Test
    void oneMessageAcknowledgedAndSilencedFromSlackThenResolvedInPlace() throws Exception {
        String name = "slackapp-" + UUID.randomUUID().toString().substring(0, 8);
        String id = SnsMessages.alertId(name);
        alarm(name, "ALARM", "OK", Instant.now());
        String ts = postedAbout(name);

        press("pipewatch.ack", "alert:" + id, "U0ANA", "ana", Instant.now()).statusCode(200);
        given().get("/api/alerts/" + id).then().statusCode(200).body("ack.by", equalTo("@ana"))
                .body("ack.comment", containsString("U0ANA"));
        slack.await(calls -> slack.message(ts).toString().contains("Acknowledged by @ana"), Duration.ofSeconds(20));
        slack.await(calls -> slack.replies().stream().anyMatch(r -> r.text("thread_ts").equals(ts)
                && r.text("text").equals("👀 Acknowledged by @ana")), Duration.ofSeconds(20));

        // Bob is not listed himself, but is a member of the on-call user group.
        press("pipewatch.silence.4h", "alert:" + id, "U0BOB", "bob", Instant.now()).statusCode(200);
        given().get("/api/silences").then().statusCode(200).body(containsString("\"createdBy\":\"@bob\""))
                .body(containsString("alarm=" + id));
        slack.await(calls -> slack.message(ts).toString().contains("Silenced until"), Duration.ofSeconds(20));

        alarm(name, "OK", "ALARM", Instant.now().plusSeconds(1));
        slack.await(calls -> slack.message(ts).at("/attachments/0/color").asText().equals("#2EB67D"), Duration.ofSeconds(20));
        slack.await(calls -> slack.replies().stream().anyMatch(r -> r.text("thread_ts").equals(ts)
                && r.text("text").contains("resolved")), Duration.ofSeconds(20));
        assertEquals(1, slack.posts().stream().filter(p -> p.body().toString().contains(name)).count(), "one message, edited");
        assertTrue(slack.calls().stream().allMatch(c -> ("Bearer " + TOKEN).equals(c.authorization())));
    }

    @Test
    void pressesSlackDidNotSignJustNowAreRefusedAndChangeNothing() throws Exception {
        String name = "slackapp-" + UUID.randomUUID().toString().substring(0, 8);
        String id = SnsMessages.alertId(name);
        alarm(name, "ALARM", "OK", Instant.now());
        postedAbout(name);
        String body = form("pipewatch.ack", "alert:" + id, "U0ANA", "ana");
        String now = Long.toString(Instant.now().getEpochSecond());
        given().contentType("application/x-www-form-urlencoded").body(body).post("/webhooks/slack/interactions")
                .then().statusCode(401).body("error", containsString("X-Slack-Signature: missing"));
        given().contentType("application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", now)
                .header("X-Slack-Signature", slackSigns.sign(now, (body + "x").getBytes(StandardCharsets.UTF_8)))
                .body(body).post("/webhooks/slack/interactions").then().statusCode(401).body("error", containsString("does not match"));
        press("pipewatch.ack", "alert:" + id, "U0ANA", "ana", Instant.now().minus(Duration.ofMinutes(6)))
                .statusCode(401).body("error", containsString("more than 5 minutes"));
        given().get("/api/alerts/" + id).then().statusCode(200).body("ack", equalTo(null));

        press("pipewatch.silence.1h", "alert:" + id, "U0EVE", "eve", Instant.now()).statusCode(200);
        slack.await(calls -> !slack.responses().isEmpty(), Duration.ofSeconds(10));
        var reply = slack.responses().get(slack.responses().size() - 1);
        assertEquals("ephemeral", reply.path("response_type").asText());
        assertTrue(reply.path("text").asText().contains("not among this Pipewatch's responders"), reply.toString());
        given().get("/api/silences").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("alarm=" + id)));

        press("pipewatch.ack", "something-else", "U0ANA", "ana", Instant.now()).statusCode(400)
                .body("error", containsString("payload.actions[0].value"));
    }

    @Test
    void eachReceiversModeAndLastProblemAreOnTheStatusApiAndTheIndexPage() {
        String name = "slackapp-" + UUID.randomUUID().toString().substring(0, 8);
        slack.answerAbout(name, SlackApiStandIn.Answer.error("not_in_channel"));
        alarm(name, "ALARM", "OK", Instant.now());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/api/status").then()
                .extract().path("receivers.find { it.receiver == 'oncall' }.lastFailureMessage") != null);
        given().get("/api/status").then().statusCode(200)
                .body("receivers.find { it.receiver == 'oncall' }.mode", equalTo("app"))
                .body("receivers.find { it.receiver == 'slack' }.mode", equalTo("webhook"))
                .body("receivers.find { it.receiver == 'oncall' }.lastFailureMessage",
                        containsString("Slack chat.postMessage answered not_in_channel (the app is not in the channel"))
                .body(org.hamcrest.Matchers.not(containsString("n0tAr3al")));
        given().accept("text/html").get("/").then().statusCode(200)
                .body(containsString("<td data-mode>app</td>"))
                .body(containsString("not_in_channel"))
                .body(org.hamcrest.Matchers.not(containsString("n0tAr3al")));
    }

    private String postedAbout(String name) {
        slack.await(calls -> slack.messageAbout(name).isPresent(), Duration.ofSeconds(20));
        var post = slack.posts().stream().filter(p -> p.body().toString().contains(name)).findFirst().orElseThrow();
        assertEquals("#alerts", post.text("channel"), "posted where configured; edited by the channel's id");
        return slack.messageAbout(name).orElseThrow();
    }

    private io.restassured.response.ValidatableResponse press(String action, String value, String user, String name, Instant at)
            throws Exception {
        String body = form(action, value, user, name);
        String timestamp = Long.toString(at.getEpochSecond());
        return given().contentType("application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", slackSigns.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                .body(body).post("/webhooks/slack/interactions").then();
    }

    /** A block_actions payload as Slack sends it: form-encoded {@code payload=<JSON>}. */
    private String form(String action, String value, String user, String name) throws Exception {
        var payload = Map.of("type", "block_actions",
                "user", Map.of("id", user, "username", name, "name", name, "team_id", "T0PIPE"),
                "actions", List.of(Map.of("type", "button", "action_id", action, "block_id", "b1", "value", value,
                        "action_ts", "1764817300.000001")),
                "response_url", slack.responseUrl(), "trigger_id", "1.2.3",
                "container", Map.of("type", "message", "channel_id", SlackApiStandIn.CHANNEL_ID),
                "channel", Map.of("id", SlackApiStandIn.CHANNEL_ID, "name", "alerts"));
        return "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
    }

    private void alarm(String name, String state, String old, Instant at) {
        String message = sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(), SnsMessages.alarm(name, state, old, at),
                Instant.now(), 2);
        given().contentType("text/plain; charset=UTF-8").body(message).post("/webhooks/sns").then().statusCode(200);
    }
}
