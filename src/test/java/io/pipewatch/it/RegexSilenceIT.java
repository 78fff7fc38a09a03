package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.pipewatch.testing.SnsMessages;
import io.pipewatch.testing.SnsSigner;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A silence's regex cannot slow the service: the one from the issue ({@code ((\w+-?)+)+y}, 79 s per
 * {@code GET /} and 11 s per SNS message on a backtracking engine) leaves both answering at once.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class RegexSilenceIT {

    /** Generous: a normal answer takes milliseconds, a backtracking one minutes. */
    private static final long QUICK_MILLIS = 3000;
    private final SnsSigner sns = SnsSigner.shared();

    @Test
    @Timeout(120)
    void theCatastrophicRegexSilenceLeavesPagesAndTheWebhookFast() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Every alarm id is a run of words and hyphens without a final 'y': the worst case for this regex.
        String name = "redos-" + run + "-" + "a".repeat(60);
        // The regex first, so it is tried on every alert; the team matches none, so nothing is really silenced.
        String silence = given().contentType("application/json")
                .body("{\"matchers\":[\"alarm=~((\\\\w+-?)+)+y\",\"team=nobody-" + run + "\"],\"duration\":\"1h\","
                        + "\"comment\":\"regex cost check\"}")
                .post("/api/silences").then().statusCode(201).body("matchers", hasItem("alarm=~((\\w+-?)+)+y"))
                .extract().path("id");
        try {
            Instant now = Instant.now();
            given().contentType("text/plain").body(sns.notification(SnsMessages.TOPIC, UUID.randomUUID().toString(),
                    SnsMessages.alarm(name, "ALARM", "OK", now), now, 2)).post("/webhooks/sns").then()
                    .time(lessThan(QUICK_MILLIS)).statusCode(200).body(containsString("recorded"));
            given().get("/").then().time(lessThan(QUICK_MILLIS)).statusCode(200).body(containsString(name));
            given().get("/api/alerts/" + SnsMessages.alertId(name)).then().time(lessThan(QUICK_MILLIS))
                    .body("state", equalTo("FIRING"));
        } finally {
            given().contentType("application/json").delete("/api/silences/" + silence).then().statusCode(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
            "alarm=~(a)\\\\1       ¦ not a regular expression: invalid escape sequence",
            "alarm=~(?=x).*        ¦ not a regular expression: invalid or unsupported Perl syntax",
            "alarm=~((a{100}){100}){100} ¦ repeats too much"})
    void aRegexTheLinearEngineCannotRunIsRefusedNamingTheField(String matcher, String message) {
        given().contentType("application/json")
                .body("{\"matchers\":[\"" + matcher + "\"],\"duration\":\"1h\",\"comment\":\"c\"}")
                .post("/api/silences").then().time(lessThan(QUICK_MILLIS)).statusCode(400)
                .body("error", containsString("matchers: ")).body("error", containsString(message));
        given().get("/api/silences").then().body("matchers.flatten()", not(hasItem(matcher.replace("\\\\", "\\"))));
    }

    @Test
    void aRegexOverTheLengthLimitIsRefused() {
        given().contentType("application/json")
                .body("{\"matchers\":[\"alarm=~" + "a".repeat(1001) + "\"],\"duration\":\"1h\",\"comment\":\"c\"}")
                .post("/api/silences").then().statusCode(400)
                .body("error", equalTo("matchers: 'alarm=~…': the regex has 1001 characters; at most 1000"));
    }
}
