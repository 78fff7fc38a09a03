package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The URL contracts other issues and outside checks rely on, against the running demo. */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class ApiContractIT {

    @TestHTTPResource("/")
    URI base;

    @Test
    void alertsCarryTheContractFields() {
        List<String> fields = List.of("id", "alarm", "state", "severity", "value", "threshold", "since", "runbook", "dashboard");
        var alerts = given().get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(alerts.size() >= 7, "one alert per shipped alarm: " + alerts);
        given().get("/api/alerts").then()
                .body("", everyItem(org.hamcrest.Matchers.allOf(fields.stream().map(f -> hasKey(f)).toArray(org.hamcrest.Matcher[]::new))))
                .body("find { it.id == 'stream-consumers-falling-behind' }.severity", equalTo("critical"))
                .body("find { it.id == 'stream-consumers-falling-behind' }.threshold", equalTo(30000.0f))
                .body("find { it.id == 'stream-consumers-falling-behind' }.thresholdText", equalTo("30 s"))
                .body("find { it.id == 'stream-consumers-falling-behind' }.unit", equalTo("MILLISECONDS"))
                .body("find { it.id == 'ingest-lambda-error-rate' }.thresholdText", equalTo("10 %"))
                .body("find { it.id == 'stream-consumers-falling-behind' }.condition", org.hamcrest.Matchers.containsString("> 30 s for"))
                .body("find { it.id == 'stream-consumers-falling-behind' }.runbook",
                        equalTo("http://pipewatch.test/runbooks/iterator-age-high"));
        given().get("/api/alerts/no-such-alarm").then().statusCode(404);
    }

    @Test
    void incidentsCarryTheContractFieldsAndTheIndexShowsThem() {
        // The demo's first scripted incident, the poison record, starts 10 s (simulated) after start. Other test
        // classes sharing this app may have raised incidents of alarms on no pipeline before: the demo's is looked for.
        String demo = "find { it.pipeline == 'demo-pipeline' }";
        var incidents = org.awaitility.Awaitility.await("the demo's first incident").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/api/incidents").then().statusCode(200).extract().jsonPath().getList("$"),
                        list -> given().get("/api/incidents").jsonPath().get(demo) != null);
        List<String> fields = List.of("id", "state", "title", "cause", "effects", "alerts", "startedAt", "resolvedAt");
        // One answer read for every assertion: the demo goes on, and a second read may see the cause re-judged or
        // another of its incidents listed first.
        var answer = given().get("/api/incidents").then();
        answer.body("", everyItem(org.hamcrest.Matchers.allOf(fields.stream().map(f -> hasKey(f)).toArray(org.hamcrest.Matcher[]::new))))
                .body(demo + ".state", org.hamcrest.Matchers.oneOf("open", "resolved"))
                .body(demo + ".cause", org.hamcrest.Matchers.allOf(hasKey("stage"), hasKey("alarm"), hasKey("reason")))
                .body(demo + ".alerts[0]", equalTo(answer.extract().jsonPath().getString(demo + ".cause.alarm")));
        String id = given().get("/api/incidents").jsonPath().getString("find { it.mergedInto == null }.id");
        given().get("/api/incidents/" + id).then().statusCode(200).body("id", equalTo(id));
        given().get("/api/incidents/no-such-incident").then().statusCode(404);
        given().get("/api/incidents?state=open,closed").then().statusCode(400).body("error", containsString("state:"));
        given().get("/api/incidents?state=resolved").then().statusCode(200).body("state", everyItem(equalTo("resolved")));
        given().get("/").then().statusCode(200).body(containsString("data-incident=\"" + id + "\""));
        assertTrue(incidents.size() >= 1);
    }

    /** "now", then the times of the device-logs stream's incoming records, as exact longs (JSON paths read floats). */
    private static List<Long> times(String path) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(given().get(path).then().statusCode(200)
                    .extract().asString());
            List<Long> out = new java.util.ArrayList<>(List.of(tree.get("now").asLong()));
            tree.get("series").get("AWS/Kinesis IncomingRecords{StreamName=device-logs}:Sum").forEach(p -> out.add(p.get(0).asLong()));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void statusShowsEachSourceAndTheReceiver() {
        given().get("/api/status").then().statusCode(200)
                .body("mode", equalTo("demo"))
                .body("sources[0].source", equalTo("demo"))
                .body("sources[0].lastSuccess", notNullValue())
                .body("sources[0].errorCount", equalTo(0))
                .body("receivers[0].receiver", equalTo("slack"))
                .body("store.bytesPerDatapoint", equalTo(16))
                .body("replica.leader", equalTo(true))
                .body("replica.id", notNullValue())
                .body("replica.leaderId", notNullValue())
                .body(not(containsString("n0tAr3alS3cr3t")));
    }

    @Test
    void dashboardsAreListedAndServeData() {
        given().get("/api/dashboards").then().statusCode(200).body("[0].id", equalTo("demo-pipeline"))
                .body("[0].stages[0].type", equalTo("kinesis-stream"))
                .body("[0].stages[0].panels[3].series[0].id",
                        equalTo("AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum"));
        given().get("/api/dashboards/demo-pipeline/data?minutes=10").then().statusCode(200)
                .body("series.size()", greaterThan(20))
                .body("series['AWS/Kinesis IncomingRecords{StreamName=device-logs}:Sum'].size()", greaterThan(10))
                .body("units['AWS/Kinesis IncomingRecords{StreamName=device-logs}:Sum']", equalTo("records/s"))
                .body("units['AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum']", equalTo("ms"));
        given().get("/api/dashboards/nope").then().statusCode(404);
        // A window by URL: relative, absolute, and refused with the parameter named.
        var recent = times("/api/dashboards/demo-pipeline/data?from=now-2m&to=now");
        long now = recent.get(0);
        List<Long> points = recent.subList(1, recent.size());
        assertTrue(!points.isEmpty() && points.stream().allMatch(t -> t >= now - 120_000), points.toString());
        String from = java.time.Instant.ofEpochMilli(now - 600_000).toString();
        String to = java.time.Instant.ofEpochMilli(now - 300_000).toString();
        var fixed = times("/api/dashboards/demo-pipeline/data?from=" + from + "&to=" + to);
        List<Long> inWindow = fixed.subList(1, fixed.size());
        assertTrue(!inWindow.isEmpty() && inWindow.stream().allMatch(t -> t >= now - 600_000 && t < now - 300_000),
                inWindow.toString());
        given().get("/api/dashboards/demo-pipeline/data?from=yesterday").then().statusCode(400)
                .body("error", containsString("from: 'yesterday' is not a time"));
        given().get("/api/dashboards/demo-pipeline/data?from=now&to=now-1h").then().statusCode(400)
                .body("error", containsString("from: must be before to"));
        given().get("/api/dashboards/demo-pipeline/data?from=now-8d").then().statusCode(400)
                .body("error", containsString("at most 7 days"));
        given().get("/").then().statusCode(200).body(containsString("/dashboards/demo-pipeline"))
                .body(containsString("<table class=\"alerts\" id=\"deliveries\">"))
                .body(not(containsString("n0tAr3alS3cr3t")));
        given().get("/dashboards/demo-pipeline").then().statusCode(200)
                .body(containsString("Device logs stream"))
                .body(containsString("/webjars/uplot/dist/uPlot.iife.min.js"))
                .body(not(containsString("n0tAr3alS3cr3t")));
        given().get("/webjars/uplot/dist/uPlot.iife.min.js").then().statusCode(200);
    }

    @Test
    void liveUpdatesArriveOverServerSentEvents() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var request = HttpRequest.newBuilder(base.resolve("/api/dashboards/demo-pipeline/live"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.startsWith("data:")) {
                // skip SSE fields other than data
            }
            assertTrue(line != null && line.contains("\"series\"") && line.contains("\"alerts\""), String.valueOf(line));
        }
    }

    @Test
    void everyShippedAlarmsRunbookOpens() {
        // Alarms CloudWatch reported that are not ours (other tests post some) link to the AWS console instead.
        List<String> runbooks = given().get("/api/alerts").then().extract().jsonPath().<String>getList("runbook").stream()
                .filter(r -> r.startsWith("http://pipewatch.test/")).toList();
        assertTrue(runbooks.size() >= 7, runbooks.toString());
        for (String runbook : runbooks) {
            String path = runbook.substring("http://pipewatch.test".length());
            given().get(path).then().statusCode(200).body(containsString("<h2>First checks</h2>"));
        }
        given().get("/runbooks/iterator-age-high").then()
                .body(containsString("<strong>What it means.</strong> <code>GetRecords.IteratorAgeMilliseconds</code>"))
                // Back from the runbook to the alarm as it stands, and to its stage on the dashboard.
                .body(containsString("id=\"alarms-using-this-runbook\""))
                .body(containsString("<a href=\"/alerts/stream-consumers-falling-behind\" data-alert-link>Stream consumers falling behind</a>"))
                .body(containsString("href=\"/dashboards/demo-pipeline#stage-device-logs\""));
        given().get("/runbooks/no-such-runbook").then().statusCode(404);
    }

    @Test
    void everySeriesReportsTheAgeOfItsNewestPoint() {
        given().get("/api/series").then().statusCode(200)
                .body("find { it.id == 'AWS/Kinesis IncomingRecords{StreamName=device-logs}:Sum' }.ageSeconds",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(0),
                                org.hamcrest.Matchers.lessThan(120)))
                .body("find { it.id == 'Pipewatch/Sources PollFailed{Source=demo}:Sum' }", notNullValue());
    }

    @Test
    void healthAndPrometheusMetrics() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pipewatch_polls_total{source=\"demo\"}"))
                .body(containsString("pipewatch_poll_errors_total{source=\"demo\"}"))
                .body(containsString("pipewatch_evaluations_total"))
                .body(containsString("pipewatch_notifications_total{receiver=\"slack\",result=\"sent\"}"))
                .body(containsString("pipewatch_notifications_total{receiver=\"slack\",result=\"failed\"}"));
    }
}
