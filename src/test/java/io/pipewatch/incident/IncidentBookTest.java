package io.pipewatch.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.Unit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How alert changes become incidents: joining, telling apart, merging, resolving, restoring. */
class IncidentBookTest {

    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
    private static final MetricId AGE = MetricId.of("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", Map.of("StreamName", "device-logs"));
    private static final MetricId SURGE = MetricId.of("AWS/Kinesis", "WriteProvisionedThroughputExceeded", Map.of("StreamName", "device-logs"));
    private static final MetricId ERRORS = MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "ingest-impressions"));
    private static final MetricId THROTTLES = MetricId.of("AWS/Lambda", "Throttles", Map.of("FunctionName", "ingest-impressions"));
    private static final MetricId TABLE_THROTTLES = MetricId.of("AWS/DynamoDB", "WriteThrottleEvents", Map.of("TableName", "demo-impressions"));
    private static final MetricId LATE = MetricId.of("Custom", "LateLogCount", Map.of("Function", "monitor-late-data"));
    private static final List<Pipeline> PIPELINES = List.of(new Pipeline("demo", "Demo", List.of(
            new PipelineStage("stage-0", "kinesis-stream", "device-logs", "Device logs", Set.of(AGE, SURGE), List.of("stage-1")),
            new PipelineStage("stage-1", "lambda", "ingest-impressions", "Ingest", Set.of(ERRORS, THROTTLES), List.of("stage-2")),
            new PipelineStage("stage-2", "dynamodb-table", "demo-impressions", "Table", Set.of(TABLE_THROTTLES), List.of()),
            new PipelineStage("stage-3", "late-logs", "monitor-late-data", "Late logs", Set.of(LATE), List.of("stage-2")))));

    private final IncidentBook book = new IncidentBook();

    @Test
    void theCauseIsJudgedByWhatThePipelineMeansNotOnlyByWhichFiredFirst() {
        book.offer(alert("age", AGE, AlertState.FIRING, T0), PIPELINES);
        Incident incident = book.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(40)), PIPELINES).get(0);

        assertEquals(List.of("errors", "age"), incident.alerts());
        assertEquals("ingest-impressions", incident.cause().stage());
        assertEquals("errors", incident.cause().alarm());
        assertEquals("Alarm age began 40 s before Alarm errors on ingest-impressions, which explains it: a consumer that"
                + " fails, is throttled or runs slow leaves its input unread", incident.cause().reason());
        assertEquals(List.of(new Incident.Effect("device-logs", "Device logs", "stage-0", "age", "Alarm age",
                "a consumer that fails, is throttled or runs slow leaves its input unread")), incident.effects());
        assertEquals("Ingest: Alarm errors (+1 more)", incident.title());
        assertEquals("demo-20261204T030000", incident.id());
        assertEquals(T0, incident.startedAt());
        assertEquals("/dashboards/demo?from=2026-12-04T02:50:00Z&to=now#stage-1", incident.dashboardPath().orElseThrow(),
                "an open incident's window follows live, at the cause's stage");
    }

    @Test
    void anIncidentResolvesWithItsLastFiringAlertAndANewFiringOpensAnother() {
        book.offer(alert("age", AGE, AlertState.FIRING, T0), PIPELINES);
        book.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(40)), PIPELINES);
        Incident stillOpen = book.offer(alert("errors", ERRORS, AlertState.RESOLVED, T0.plusSeconds(120)), PIPELINES).get(0);
        assertTrue(stillOpen.open());
        assertEquals("errors", stillOpen.cause().alarm(), "a resolved cause is still the cause");

        Incident resolved = book.offer(alert("age", AGE, AlertState.RESOLVED, T0.plusSeconds(180)), PIPELINES).get(0);
        assertEquals(Incident.State.RESOLVED, resolved.state());
        assertEquals(T0.plusSeconds(180), resolved.resolvedAt());
        assertEquals("/dashboards/demo?from=2026-12-04T02:50:00Z&to=2026-12-04T03:13:00Z#stage-1",
                resolved.dashboardPath().orElseThrow(), "a resolved one's window is fixed, 10 minutes either side");
        assertEquals(List.of(), book.offer(alert("age", AGE, AlertState.OK, T0.plusSeconds(190)), PIPELINES));

        Incident next = book.offer(alert("age", AGE, AlertState.FIRING, T0.plusSeconds(600)), PIPELINES).get(0);
        assertEquals("demo-20261204T031000", next.id());
        assertEquals(List.of("age"), next.alerts());
        assertEquals(List.of(next.id(), resolved.id()), book.all().stream().map(Incident::id).toList());
        assertEquals(next.id(), book.of("age").orElseThrow().id());
    }

    @Test
    void unrelatedTroubleInTheSameMinutesIsAnIncidentOfItsOwn() {
        Incident storm = book.offer(alert("surge", SURGE, AlertState.FIRING, T0), PIPELINES).get(0);
        Incident late = book.offer(alert("late", LATE, AlertState.FIRING, T0.plusSeconds(60)), PIPELINES).get(0);
        assertTrue(!storm.id().equals(late.id()));
        assertEquals("Alarm late on monitor-late-data is the only alert in the pipeline", late.cause().reason());
        assertEquals(2, book.open().size());
    }

    @Test
    void saturationDuringAThrottleStormIsTheLateLogsIncidentNotTheStorms() {
        // As in the third cycle of a 30-minute demo run: the saturation alarm fired while the storm's still did.
        var saturation = MetricId.of("Pipewatch/Streams", "RecordsOverThreshold", Map.of("TableName", "demo-impressions"));
        var stream = new PipelineStage("stage-4", "dynamodb-stream", "demo-impressions", "Stream", Set.of(saturation), List.of());
        var table = new PipelineStage("stage-2", "dynamodb-table", "demo-impressions", "Table", Set.of(TABLE_THROTTLES),
                List.of("stage-4"));
        var stages = new java.util.ArrayList<>(PIPELINES.get(0).stages());
        stages.set(2, table);
        stages.add(stream);
        List<Pipeline> pipelines = List.of(new Pipeline("demo", "Demo", stages));
        Incident storm = book.offer(alert("surge", SURGE, AlertState.FIRING, T0), pipelines).get(0);
        Incident saturated = book.offer(alert("saturation", saturation, AlertState.FIRING, T0.plusSeconds(60)), pipelines).get(0);
        assertTrue(!storm.id().equals(saturated.id()), "a surge does not make writes old");
        Incident late = book.offer(alert("late", LATE, AlertState.FIRING, T0.plusSeconds(70)), pipelines).get(0);
        assertEquals(saturated.id(), late.id());
        assertEquals("late", late.cause().alarm());
        assertEquals(List.of("surge"), book.of("surge").orElseThrow().alerts());
    }

    @Test
    void anAlertThatRelatesTwoOpenIncidentsMergesThemIntoTheOlder() {
        Incident first = book.offer(alert("table", TABLE_THROTTLES, AlertState.FIRING, T0), PIPELINES).get(0);
        Incident second = book.offer(alert("throttles", THROTTLES, AlertState.FIRING, T0.plusSeconds(60)), PIPELINES).get(0);
        assertTrue(!first.id().equals(second.id()), "a table's throttles do not explain its writer's throttles");

        List<Incident> changed = book.offer(alert("surge", SURGE, AlertState.FIRING, T0.plusSeconds(60)), PIPELINES);
        Incident merged = changed.get(0);
        assertEquals(first.id(), merged.id());
        assertEquals("surge", merged.cause().alarm());
        assertEquals(Set.of("surge", "table", "throttles"), Set.copyOf(merged.alerts()));
        assertEquals(second.id(), changed.get(1).id());
        assertEquals(first.id(), changed.get(1).mergedInto());
        assertEquals(List.of(merged), book.open());
        assertEquals(first.id(), book.of("throttles").orElseThrow().id());
    }

    @Test
    void anAlertOnNoPipelineIsAnIncidentOfItsOwn() {
        var elsewhere = MetricId.of("AWS/SQS", "ApproximateAgeOfOldestMessage", Map.of("QueueName", "jobs"));
        Incident own = book.offer(alert("queue", elsewhere, AlertState.FIRING, T0), PIPELINES).get(0);
        assertNull(own.pipeline());
        assertTrue(own.dashboardPath().isEmpty());
        assertEquals("queue-20261204T030000", own.id());
        assertEquals("jobs", own.cause().stage());
        Incident other = book.offer(alert("age", AGE, AlertState.FIRING, T0), PIPELINES).get(0);
        assertTrue(!own.id().equals(other.id()));
    }

    @Test
    void openIncidentsOfAnEarlierRunAreTakenUpAndResolved() {
        book.offer(alert("age", AGE, AlertState.FIRING, T0), PIPELINES);
        book.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(40)), PIPELINES);
        var restarted = new IncidentBook();
        restarted.restore(book.all());

        Incident joined = restarted.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(40)), PIPELINES).get(0);
        assertEquals(book.all().get(0).id(), joined.id());
        restarted.offer(alert("errors", ERRORS, AlertState.RESOLVED, T0.plusSeconds(100)), PIPELINES);
        Incident resolved = restarted.offer(alert("age", AGE, AlertState.RESOLVED, T0.plusSeconds(120)), PIPELINES).get(0);
        assertEquals(Incident.State.RESOLVED, resolved.state());
    }

    @Test
    void aCompositeJoinsItsChildrensIncidentAndNeverTakesTheCauseFromThem() {
        book.offer(alert("age", AGE, AlertState.FIRING, T0), PIPELINES);
        // Named to sort first and watching the errors first: only its being a summary keeps it from being the cause.
        var composite = new AlertSubject("stalled", "A stalled ingest", Severity.CRITICAL, "summary", "ingest-impressions, device-logs",
                AlertSubject.COMPOSITE + "ALARM(age) AND ALARM(errors)", Double.NaN, Unit.NONE, "", "", Map.of(), Alert.PIPEWATCH,
                List.of(ERRORS, AGE));
        // The composite fires in the same cycle as its last child, before that child's change is offered.
        book.offer(new Alert(composite, new AlertStatus(AlertState.FIRING, T0.plusSeconds(40), T0.plusSeconds(40), null, "", null),
                List.of(), null), PIPELINES);
        Incident incident = book.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(40)), PIPELINES).get(0);

        assertEquals(1, book.open().size(), "one incident: " + book.open());
        assertEquals(java.util.Set.of("age", "stalled", "errors"), java.util.Set.copyOf(incident.alerts()));
        assertEquals("errors", incident.cause().alarm(), "the child the pipeline's rules name, not the summary of both");
    }

    @Test
    void theNewestAndAnAlertsIncidentAreFoundAsTheFullListWouldFindThem() {
        MetricId elsewhere = MetricId.of("Custom", "Thing", Map.of("Host", "h"));
        for (int i = 0; i < 12; i++) {
            book.offer(alert("a" + i, elsewhere, AlertState.FIRING, T0.plusSeconds(i * 10)), PIPELINES);
        }
        for (int i = 0; i < 12; i += 3) {
            book.offer(alert("a" + i, elsewhere, AlertState.RESOLVED, T0.plusSeconds(200 + i)), PIPELINES);
        }
        book.offer(alert("age", AGE, AlertState.FIRING, T0.plusSeconds(300)), PIPELINES);
        book.offer(alert("errors", ERRORS, AlertState.FIRING, T0.plusSeconds(301)), PIPELINES);
        List<Incident> all = book.all().stream().filter(i -> i.mergedInto() == null).toList();
        for (int n = 1; n <= all.size() + 1; n++) {
            assertEquals(all.subList(0, Math.min(n, all.size())).stream().map(Incident::id).toList(),
                    book.newest(n).stream().map(Incident::id).toList(), "newest " + n);
        }
        for (String id : List.of("a0", "a1", "a3", "age", "errors", "none")) {
            assertEquals(all.stream().filter(i -> i.has(id)).findFirst().map(Incident::id), book.of(id).map(Incident::id), id);
        }
        for (Incident i : book.all()) {
            assertEquals(i, book.get(i.id()).orElseThrow(), "by id, open or resolved");
        }
        assertEquals(java.util.Optional.empty(), book.get("no-such-incident"));
    }

    static Alert alert(String id, MetricId metric, AlertState state, Instant at) {
        var subject = new AlertSubject(id, "Alarm " + id, Severity.WARNING, "summary", String.join(", ",
                metric.dimensions().values()), "condition", 1, Unit.NONE, "", "", Map.of(), Alert.PIPEWATCH, List.of(metric));
        return new Alert(subject, new AlertStatus(state, at, state == AlertState.FIRING ? at : null, 1.0, "", null),
                List.of(), null);
    }
}
