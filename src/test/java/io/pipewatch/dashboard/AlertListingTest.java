package io.pipewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The index page's list: what is shown by default, each filter, and pages of 50. */
class AlertListingTest {

    private static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    private static final MetricId LAG = MetricId.of("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", Map.of("StreamName", "s"));
    private static final MetricId ERRORS = MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "f"));
    private static final Map<String, Set<MetricId>> STAGES = Map.of("stage-s", Set.of(LAG), "stage-f", Set.of(ERRORS));

    @Test
    void byDefaultWhatFiresIsPendingOrChangedInTheLastHour() {
        var alerts = List.of(alert("firing", AlertState.FIRING, NOW.minusSeconds(86_400), Severity.CRITICAL, LAG),
                alert("pending", AlertState.PENDING, NOW.minusSeconds(7200), Severity.WARNING, LAG),
                alert("resolved-now", AlertState.RESOLVED, NOW.minusSeconds(600), Severity.WARNING, ERRORS),
                alert("resolved-long-ago", AlertState.RESOLVED, NOW.minusSeconds(7200), Severity.WARNING, ERRORS),
                alert("quiet", AlertState.OK, NOW.minusSeconds(86_400), Severity.INFO, ERRORS));
        assertEquals(List.of("firing", "pending", "resolved-now"), ids(list(alerts, null, null, null, null)));
        assertEquals(List.of("resolved-now", "resolved-long-ago"), ids(list(alerts, "RESOLVED", null, null, null)),
                "a state asked for lists every alert in it, however old");
        assertEquals(List.of("quiet"), ids(list(alerts, "ok", null, null, null)));
        assertEquals(List.of("firing"), ids(list(alerts, null, "critical", null, null)));
        assertEquals(List.of("resolved-now"), ids(list(alerts, null, null, "stage-f", null)));
        assertEquals(List.of("firing", "pending"), ids(list(alerts, null, null, "stage-s", null)));
    }

    @Test
    void tenThousandAlertsArePagesOfFiftyAndOnlyOnePageIsKept() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            alerts.add(alert(String.format("a%05d", i), AlertState.FIRING, NOW.minusSeconds(60), Severity.WARNING, LAG));
        }
        var first = list(alerts, null, null, null, null);
        assertEquals(50, first.shown().size());
        assertEquals(10_000, first.total());
        assertEquals(200, first.pages());
        assertEquals("?page=2", first.filter().query(2));
        var last = list(alerts, "FIRING", "warning", "stage-s", "999");
        assertEquals(200, last.page(), "a page past the end is the last");
        assertEquals("a09950", last.shown().get(0).id());
        assertEquals("?page=199&state=FIRING&severity=warning&stage=stage-s", last.filter().query(199));
    }

    @Test
    void aFilterItCannotReadIsNamedAndLeftOut() {
        var alerts = List.of(alert("firing", AlertState.FIRING, NOW, Severity.CRITICAL, LAG));
        var listing = list(alerts, "BURNING", "urgent", "stage-nowhere", "two");
        assertEquals(List.of("state: 'BURNING' is not one of OK, PENDING, FIRING, RESOLVED, INSUFFICIENT_DATA",
                "severity: 'urgent' is not one of critical, warning, info", "stage: no dashboard has a stage 'stage-nowhere'",
                "page: 'two' is not a page number"), listing.problems());
        assertEquals(List.of("firing"), ids(listing), "shown as if unfiltered, with the reasons");
    }

    private static AlertListing list(List<Alert> alerts, String state, String severity, String stage, String page) {
        return AlertListing.of(alerts, state, severity, stage, page, NOW, id -> STAGES.getOrDefault(id, Set.of()));
    }

    private static List<String> ids(AlertListing listing) {
        return listing.shown().stream().map(Alert::id).toList();
    }

    private static Alert alert(String id, AlertState state, Instant since, Severity severity, MetricId metric) {
        var subject = new AlertSubject(id, id, severity, "s", "r", "c", 1, Unit.NONE, "", "", Map.of(), Alert.PIPEWATCH, List.of(metric));
        return new Alert(subject, new AlertStatus(state, since, state == AlertState.FIRING ? since : null, 1.0, "", null), List.of(), null);
    }
}
