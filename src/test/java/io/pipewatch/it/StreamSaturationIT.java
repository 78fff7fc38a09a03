package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The demo's saturation episode end to end: the late-log burst makes the ingest Lambda update
 * buckets 5–20 minutes old; Pipewatch tails the table's stream in DynamoDB Local, measures the
 * records' age, and the shipped saturation alarm fires, reaches Slack, and resolves.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class StreamSaturationIT {

    @SlackStandIn.Messages
    SlackStandIn.Inbox slack;

    private static final String ALARM = "Roll-up input falling behind (stream saturation)";

    @Test
    void theSaturationEpisodeFiresAndResolvesInSlack() throws Exception {
        var firing = slack.await(m -> m.header().equals("🔥 FIRING: " + ALARM), 120)
                .orElseThrow(() -> new AssertionError("saturation never fired: " + slack));
        assertTrue(firing.buttons().contains("/runbooks/stream-saturation"), firing.toString());
        slack.await(m -> m.header().equals("✅ RESOLVED: " + ALARM)
                && slack.received().indexOf(m) > slack.received().indexOf(firing), 120)
                .orElseThrow(() -> new AssertionError("saturation never resolved: " + slack));
    }

    /**
     * A healthy demo (30× speed) starts with its consumer stalled, so its table's shard is empty when the
     * tailer opens it; the first records written after the stall must not read as "records aged out".
     */
    @Test
    void aHealthyDemoRaisesNoAgedOutWarning() throws Exception {
        var counted = java.util.regex.Pattern.compile("pipewatch_stream_records_total\\{table=\"demo-impressions\"} ([0-9.E]+)");
        org.awaitility.Awaitility.await("the tailer reads some of the demo's records").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    var m = counted.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
                    return m.find() ? Double.parseDouble(m.group(1)) : 0;
                }, read -> read > 0);
        // A (false) trim is met on the read that finds the first records, before any is counted.
        List<String> notes = given().get("/api/status").then().statusCode(200).extract().jsonPath()
                .getList("sources.find { it.source == 'streams' }.notes");
        assertTrue(notes.stream().noneMatch(n -> n.contains("aged out")), notes.toString());
        assertTrue(!given().get("/q/metrics").then().extract().asString()
                .contains("pipewatch_stream_read_errors_total{kind=\"trimmed\""), "no trimmed read counted as lost data");
    }

    @Test
    void aMissingTableIsAStatusLineNotAFailure() throws Exception {
        List<String> notes = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> given().get("/api/status").then().statusCode(200).extract().jsonPath()
                        .<String>getList("sources.find { it.source == 'streams' }.notes"),
                        n -> n.stream().anyMatch(line -> line.startsWith("no-such-table: table not found")));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("no-such-table: table not found")), notes.toString());
        given().get("/api/status").then().body("sources.find { it.source == 'streams' }.errorCount", org.hamcrest.Matchers.equalTo(0));
        given().get("/dashboards/demo-pipeline").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("no-such-table: table not found"));
    }

    @Test
    void theStreamRowChartsRecordAgeAndStatusShowsTheTailer() throws Exception {
        String series = "Pipewatch/Streams RecordAge{TableName=demo-impressions}:Maximum";
        org.awaitility.Awaitility.await("record ages measured").atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> given().get("/api/dashboards/demo-pipeline/data?minutes=30").then().statusCode(200)
                        .extract().jsonPath().getList("series['" + series + "']"), points -> points != null && !points.isEmpty());
        given().get("/api/status").then().statusCode(200)
                .body("sources.source", org.hamcrest.Matchers.hasItems("demo", "streams"));
        given().get("/q/metrics").then()
                .body(org.hamcrest.Matchers.containsString("pipewatch_stream_records_total{table=\"demo-impressions\"}"));
    }
}
