package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.store.StateTable;
import io.pipewatch.testing.TestAlerts;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import io.pipewatch.testing.LocalDynamoDb;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** The alert tracker with its store in DynamoDB Local: flap damping, restarts, acknowledgements and CloudWatch's reports. */
class AlertTrackerIT {

    private static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");
    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<AlertNotification> announced = new CopyOnWriteArrayList<>();
    private StateTable table;
    private AlarmCatalog catalog;
    private AlarmDefinition lag;
    private final io.pipewatch.signal.SeriesStore series = new io.pipewatch.signal.SeriesStore(100);

    @BeforeEach
    void newTable() {
        table = new StateTable(STORE::client, STORE.newTable("state"), Clock.systemUTC());
        catalog = new AlarmCatalog(config(), new SeriesDemand());
        lag = catalog.byId("stream-consumers-falling-behind").orElseThrow();
    }

    @Test
    void keepFiringForHoldsAFiringAlarmUntilItsConditionHasClearedThatManyPeriods() {
        var tracker = tracker();
        AlarmDefinition lag = keepFiringFor(this.lag, 2);
        tracker.record(lag, breach(), T0);
        tracker.record(lag, clear(), T0.plusSeconds(60));
        tracker.record(lag, breach(), T0.plusSeconds(90));
        tracker.record(lag, clear(), T0.plusSeconds(120));
        tracker.record(lag, clear(), T0.plusSeconds(230));
        assertEquals(AlertState.FIRING, state(tracker), "cleared 110 s of the 120 s needed (the breach at 90 s restarted it)");
        assertTrue(tracker.get(lag.id()).orElseThrow().reason().contains("keep_firing_for"));
        tracker.record(lag, clear(), T0.plusSeconds(240));
        assertEquals(AlertState.RESOLVED, state(tracker));
        assertEquals(List.of(AlertNotification.Kind.FIRING, AlertNotification.Kind.RESOLVED), kinds());
    }

    @Test
    void theAlertListIsWrittenOncePerChangeAndNeverServedStale() throws Exception {
        var tracker = tracker();
        var listing = new AlertListJson(tracker, json);
        tracker.record(lag, breach(), T0);
        byte[] firing = listing.of(false);
        assertTrue(firing == listing.of(false), "nothing changed: the same body, not written again");
        assertTrue(new String(firing, java.nio.charset.StandardCharsets.UTF_8).contains("\"state\":\"FIRING\""));
        assertTrue(new String(listing.of(true), java.nio.charset.StandardCharsets.UTF_8).contains(lag.id()), "active only");
        tracker.record(lag, clear(), T0.plusSeconds(60));
        String after = new String(listing.of(false), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(after.contains("\"state\":\"RESOLVED\""), after);
        assertEquals("[]", new String(listing.of(true), java.nio.charset.StandardCharsets.UTF_8), "nothing active any more");
    }

    @Test
    void withoutDampingAClearedConditionResolvesAtOnce() {
        var tracker = tracker();
        tracker.record(lag, breach(), T0);
        tracker.record(lag, clear(), T0.plusSeconds(60));
        assertEquals(AlertState.RESOLVED, state(tracker));
    }

    @Test
    void aRestartedTrackerKnowsTheFiringAndItsAcknowledgementAndDoesNotFireAgain() {
        var first = tracker();
        first.record(lag, breach(), T0);
        assertTrue(first.acknowledge(lag.id(), new Acknowledgement("ana", "on it", T0.plusSeconds(5))).isPresent());
        announced.clear();

        var second = tracker();
        second.record(lag, breach(), T0.plusSeconds(60));
        Alert restored = second.get(lag.id()).orElseThrow();
        assertEquals(AlertState.FIRING, restored.state());
        assertEquals(T0, restored.firingSince());
        assertEquals("ana", restored.ack().by());
        assertEquals(List.of(), announced, "an incident spanning a restart is not announced twice");
        second.record(lag, clear(), T0.plusSeconds(120));
        assertEquals(List.of(AlertNotification.Kind.RESOLVED), kinds());
    }

    @Test
    void anActiveAlertOnAStreamShowsWhenItStartsLosingDataAndAResolvedOneDoesNot() {
        var tracker = tracker();
        series.put(io.pipewatch.signal.ImpactMetrics.secondsToDataLoss("device-logs"),
                new io.pipewatch.signal.Datapoint(T0, 6 * 3600 + 300));
        tracker.record(lag, breach(), T0.plusSeconds(10));
        Impact impact = tracker.get(lag.id()).orElseThrow().status().impact();
        assertEquals(T0.plusSeconds(6 * 3600 + 300), impact.dataLossAt());
        assertEquals("data loss in ~6 h 5 min at this rate", impact.text());
        assertEquals(null, impact.headroom(), "no headroom was written");
        series.put(io.pipewatch.signal.ImpactMetrics.throughputHeadroom("device-logs"), new io.pipewatch.signal.Datapoint(T0, 0.25));
        tracker.record(lag, breach(), T0.plusSeconds(20));
        assertEquals("data loss in ~6 h 5 min at this rate; the consumer drains only 0.25× what comes in",
                tracker.get(lag.id()).orElseThrow().status().impact().text());
        assertEquals(impact, announced.get(0).alert().status().impact(), "the page says it too");

        tracker.record(lag, breach(), T0.plusSeconds(200));
        assertEquals(null, tracker.get(lag.id()).orElseThrow().status().impact(), "a forecast older than 2 min is stale");
        series.put(io.pipewatch.signal.ImpactMetrics.secondsToDataLoss("device-logs"),
                new io.pipewatch.signal.Datapoint(T0.plusSeconds(250), 100));
        tracker.record(lag, clear(), T0.plusSeconds(260));
        assertEquals(null, tracker.get(lag.id()).orElseThrow().status().impact(), "nothing is predicted for a resolved alert");
    }

    @Test
    void aRestoredAlertIsDescribedAsItsAlarmIsDefinedNowNotAsItWasStored() {
        var first = tracker();
        first.record(lag, breach(), T0);
        Alert current = first.get(lag.id()).orElseThrow();
        var s = current.subject();
        // As stored by an earlier version, or before the alarm's threshold and runbook changed.
        new io.pipewatch.store.StateTableAlertStore(table, json).save(current.about(new AlertSubject(s.id(), s.alarm(),
                s.severity(), s.summary(), s.resource(), s.condition(), 1.0, s.unit(), "https://old.example/runbook",
                s.dashboard(), s.labels(), s.source(), null)));

        Alert restored = tracker().get(lag.id()).orElseThrow();
        assertEquals(current.subject(), restored.subject());
        assertFalse(restored.subject().metrics().isEmpty());
        assertEquals(current.status(), restored.status());
    }

    @Test
    void onlyAFiringAlertCanBeAcknowledgedAndANewFiringClearsTheAcknowledgement() {
        var tracker = tracker();
        tracker.record(lag, clear(), T0);
        assertFalse(tracker.acknowledge(lag.id(), new Acknowledgement("ana", null, T0)).isPresent());
        tracker.record(lag, breach(), T0.plusSeconds(60));
        tracker.acknowledge(lag.id(), new Acknowledgement("ana", null, T0));
        tracker.record(lag, clear(), T0.plusSeconds(120));
        tracker.record(lag, breach(), T0.plusSeconds(180));
        assertEquals(null, tracker.get(lag.id()).orElseThrow().ack());
    }

    @Test
    void cloudWatchReportsAreAppliedInTheirOwnOrderNotTheOrderTheyArrive() {
        var tracker = tracker();
        Alert template = TestAlerts.in(TestAlerts.alert("cloudwatch-x", AlertState.INSUFFICIENT_DATA,
                io.pipewatch.rule.Severity.WARNING, T0, java.util.Map.of()), AlertState.INSUFFICIENT_DATA, T0);
        assertTrue(tracker.report(template, Verdict.ALARM, T0.plusSeconds(60), "crossed", 7.0));
        assertFalse(tracker.report(template, Verdict.OK, T0.plusSeconds(30), "older", 1.0), "stale");
        assertTrue(tracker.report(template, Verdict.OK, T0.plusSeconds(120), "ok", 1.0));
        assertEquals(AlertState.RESOLVED, tracker.get("cloudwatch-x").orElseThrow().state());
        assertEquals(List.of(AlertNotification.Kind.FIRING, AlertNotification.Kind.RESOLVED), kinds());
    }

    @Test
    void anAlertPipewatchEvaluatedIsCloudWatchsOnceCloudWatchReportsItAndTakesTheReportedValueOrNone() {
        var tracker = tracker();
        tracker.record(lag, breach(), T0);
        assertEquals(Alert.PIPEWATCH, tracker.get(lag.id()).orElseThrow().source());
        Alert template = Alert.notEvaluated(AlertSubject.of(lag, Alert.CLOUDWATCH, new AlertLinks(config())), T0, "reported");
        assertTrue(tracker.report(template, Verdict.ALARM, T0.plusSeconds(60), "no datapoints were received; treated as [Breaching]",
                null));
        Alert reported = tracker.get(lag.id()).orElseThrow();
        assertEquals(Alert.CLOUDWATCH, reported.source(), "routes on source=cloudwatch must see it");
        assertEquals(null, reported.value(), "a report that quotes no value leaves none, not Pipewatch's last");
        assertEquals("cloudwatch", reported.matchLabels().get("source"));
    }

    @Test
    void aFiringAlarmCloudWatchReportsWithoutDataShowsCloudWatchsStateAndIsToldAsStoppedReporting() {
        var tracker = tracker();
        Alert template = TestAlerts.in(TestAlerts.alert("cloudwatch-y", AlertState.INSUFFICIENT_DATA,
                io.pipewatch.rule.Severity.WARNING, T0, java.util.Map.of()), AlertState.INSUFFICIENT_DATA, T0);
        assertTrue(tracker.report(template, Verdict.ALARM, T0.plusSeconds(60), "crossed", 7.0));
        assertTrue(tracker.report(template, Verdict.INSUFFICIENT_DATA, T0.plusSeconds(90), "no data", null));
        Alert silent = tracker.get("cloudwatch-y").orElseThrow();
        assertEquals(AlertState.INSUFFICIENT_DATA, silent.state(), "the state CloudWatch reports, not a stale FIRING");
        assertEquals(T0.plusSeconds(60), silent.firingSince(), "when it last fired is kept");
        assertEquals(List.of(AlertNotification.Kind.FIRING, AlertNotification.Kind.NO_DATA), kinds());

        // Pipewatch's own evaluation follows the same rule.
        tracker.record(lag, breach(), T0);
        tracker.record(lag, new Outcome(Verdict.INSUFFICIENT_DATA, 0, 0, null, "no datapoints in the evaluation range"),
                T0.plusSeconds(60));
        assertEquals(AlertState.INSUFFICIENT_DATA, state(tracker));
        assertEquals(AlertNotification.Kind.NO_DATA, kinds().get(kinds().size() - 1));
    }

    private AlertState state(AlertTracker tracker) {
        return tracker.get(lag.id()).orElseThrow().state();
    }

    private List<AlertNotification.Kind> kinds() {
        return announced.stream().map(AlertNotification::kind).toList();
    }

    @Test
    void aCompositeIsEvaluatedInTheSameCycleAsItsChildrenAndFiresWhileItsRuleHolds(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Files.copy(Path.of("alarms/demo-pipeline.yaml"), dir.resolve("demo-pipeline.yaml"));
        java.nio.file.Files.writeString(dir.resolve("stalled.yaml"), """
                alarms:
                  - name: Ingest stalled
                    summary: The consumer falls behind because its invocations time out.
                    rule: ALARM(stream-consumers-falling-behind) AND ALARM(ingest-lambda-duration-near-timeout)
                    runbook: /runbooks/iterator-age-high
                """);
        PipewatchConfig config = (PipewatchConfig) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(),
                new Class<?>[] {PipewatchConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "publicUrl" -> "https://pipewatch.example.com";
                    case "alarmsDir" -> dir;
                    case "mode" -> PipewatchConfig.Mode.DEMO;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        catalog = new AlarmCatalog(config, new SeriesDemand());
        var tracker = tracker();
        var engine = new RuleEngine(catalog, series, tracker, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), config);
        var age = io.pipewatch.signal.SeriesKey.parse("AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum");
        var p99 = io.pipewatch.signal.SeriesKey.parse("AWS/Lambda Duration{FunctionName=ingest-impressions}:p99");
        series.put(age, new io.pipewatch.signal.Datapoint(T0, 45_000));
        series.put(p99, new io.pipewatch.signal.Datapoint(T0, 800));
        engine.evaluateAll(T0.plusSeconds(60));
        assertEquals(AlertState.OK, tracker.get("ingest-stalled").orElseThrow().state(), "only one child fires");
        series.put(age, new io.pipewatch.signal.Datapoint(T0.plusSeconds(60), 45_000));
        series.put(p99, new io.pipewatch.signal.Datapoint(T0.plusSeconds(60), 14_000));
        engine.evaluateAll(T0.plusSeconds(120));
        var stalled = tracker.get("ingest-stalled").orElseThrow();
        assertEquals(AlertState.FIRING, stalled.state(), "both children fire in this very cycle");
        assertEquals("the rule holds: stream-consumers-falling-behind is ALARM, ingest-lambda-duration-near-timeout is ALARM",
                stalled.reason());
        assertEquals(java.util.Set.of("device-logs", "ingest-impressions"), java.util.Set.copyOf(
                java.util.Arrays.asList(stalled.resource().split(", "))), "placed where its children are");
        assertEquals(2, stalled.subject().metrics().size());
    }

    private static Outcome breach() {
        return new Outcome(Verdict.ALARM, 1, 1, 45_000.0, "1 of 1 breach");
    }

    private static Outcome clear() {
        return new Outcome(Verdict.OK, 0, 1, 1_000.0, "0 of 1 breach");
    }

    private AlertTracker tracker() {
        PipewatchConfig config = config();
        return new AlertTracker(new AlertLinks(config), new io.pipewatch.store.StateTableAlertStore(table, json), catalog,
                new ImpactForecasts(series), new Recorder());
    }

    private static AlarmDefinition keepFiringFor(AlarmDefinition a, int periods) {
        return new AlarmDefinition(a.id(), a.name(), a.summary(), a.severity(), a.inputs(), a.expression(), a.period(),
                a.criteria(), a.runbook(), a.dashboard(), a.labels(), a.evaluatedBy(), periods, a.unit(), a.lowSampleCount(), a.composite(), a.file());
    }

    private static PipewatchConfig config() {
        return (PipewatchConfig) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(), new Class<?>[] {PipewatchConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "publicUrl" -> "https://pipewatch.example.com";
                    case "alarmsDir" -> Path.of("alarms");
                    case "toString" -> "test config";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** CDI's event, reduced to what the tracker uses: fire. */
    private final class Recorder implements Event<AlertNotification> {
        @Override
        public void fire(AlertNotification event) {
            announced.add(event);
        }

        @Override
        public <U extends AlertNotification> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertNotification> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<AlertNotification> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertNotification> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends AlertNotification> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }

}
