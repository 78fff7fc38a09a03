package io.pipewatch.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.AlertTracker;
import io.pipewatch.config.ScaledClock;
import io.pipewatch.dashboard.DashboardAlerts;
import io.pipewatch.dashboard.DashboardCatalog;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page is rendered once per change of what it shows and served from there (issue 20): these check that
 * what is served is never older than the alerts, that a live window's ends still move per request, and that a refused
 * window shows its own reason.
 */
@QuarkusTest
@QuarkusTestResource(SlackStandIn.class)
class DashboardPageIT {

    private static final String PAGE = "/dashboards/demo-pipeline";

    @Inject
    AlertTracker tracker;
    @Inject
    DashboardCatalog catalog;
    @Inject
    DashboardAlerts alerts;
    @Inject
    ScaledClock evaluation;

    @Test
    void anAlertThatChangedIsShownAtOnceNotThePageKeptFromBefore() {
        AlarmDefinition alarm = catalog.byId("demo-pipeline").orElseThrow().stages().stream()
                .flatMap(s -> alerts.alarmsOf(s).stream()).findFirst().orElseThrow();
        String before = badge(given().get(PAGE).then().statusCode(200).extract().asString(), alarm.id()); // kept now
        boolean noData = before.equals("INSUFFICIENT_DATA");
        String expected = noData ? "OK" : "INSUFFICIENT_DATA";
        tracker.record(alarm, new Outcome(noData ? Verdict.OK : Verdict.INSUFFICIENT_DATA, 0, 1, noData ? 0.0 : null,
                "set by the test"), evaluation.instant());
        String shown = badge(given().get(PAGE).then().statusCode(200).extract().asString(), alarm.id());
        String now = tracker.get(alarm.id()).orElseThrow().state().name();
        // Unless the demo's loop evaluated the alarm again in between (then the tracker no longer says what the test set),
        // the page made after the change shows it, not the page kept from before.
        assertTrue(shown.equals(expected) || !now.equals(expected),
                "a kept page was served stale: shows " + shown + " (before: " + before + "), the tracker says " + now);
    }

    @Test
    void aLiveWindowEndsWhenAskedEvenWhenNothingElseChanged() {
        long first = attribute(given().get(PAGE).then().statusCode(200).extract().asString(), "data-to-ms");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> evaluation.instant().toEpochMilli() > first + 1);
        long second = attribute(given().get(PAGE).then().statusCode(200).extract().asString(), "data-to-ms");
        assertTrue(second > first, "the window's end moved: " + first + " then " + second);
        long fixedFrom = first - 600_000;
        String fixed = PAGE + "?from=" + java.time.Instant.ofEpochMilli(fixedFrom) + "&to=" + java.time.Instant.ofEpochMilli(first);
        long a = attribute(given().get(fixed).then().statusCode(200).extract().asString(), "data-from-ms");
        long b = attribute(given().get(fixed).then().statusCode(200).extract().asString(), "data-from-ms");
        assertTrue(a == fixedFrom && b == fixedFrom, "a fixed window stays where it was asked: " + a + ", " + b);
    }

    @Test
    void aRefusedWindowShowsItsOwnReason() {
        String yesterday = given().get(PAGE + "?from=yesterday").then().statusCode(200).extract().asString();
        String later = given().get(PAGE + "?from=later").then().statusCode(200).extract().asString();
        assertTrue(yesterday.contains("&#39;yesterday&#39; is not a time") || yesterday.contains("'yesterday' is not a time"),
                "the first reason");
        assertTrue(later.contains("later") && !later.contains("yesterday"), "the second page is not the first one's");
        assertNotEquals(yesterday, later);
    }

    private static String badge(String html, String alarmId) {
        Matcher m = Pattern.compile("data-alert=\"" + Pattern.quote(alarmId) + "\">\\s*<span class=\"badge (\\w+)\"").matcher(html);
        assertTrue(m.find(), "the alarm " + alarmId + " is on the page");
        return m.group(1);
    }

    private static long attribute(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(html);
        assertTrue(m.find(), name + " on the page");
        return Long.parseLong(m.group(1));
    }
}
