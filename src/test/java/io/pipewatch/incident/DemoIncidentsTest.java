package io.pipewatch.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.dashboard.DashboardCatalog;
import io.pipewatch.dashboard.DashboardPipelines;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.source.demo.DemoSimulation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's three scripted incidents, simulated and evaluated on a manual clock with the shipped alarms and the
 * shipped dashboard, formed into incidents: each is one incident, and its cause is what the script broke — the
 * ingest Lambda for the poison record, the traffic surge into device-logs for the throttle storm, late logs for the
 * late-log burst — whatever alarm happens to fire first.
 */
class DemoIncidentsTest {

    private static final List<AlarmDefinition> ALARMS = DemoSimulation.simulatedAlarms();

    @ParameterizedTest(name = "start at second {0} of the minute")
    @ValueSource(ints = {0, 42})
    void eachScriptedIncidentIsOneIncidentWithTheStageTheScriptBrokeAsItsCause(int secondOfMinute) {
        Instant start = Instant.parse("2026-11-25T03:00:00Z").plusSeconds(secondOfMinute);
        List<Incident> incidents = incidents(start, Duration.ofMinutes(10));

        assertEquals(3, incidents.size(), () -> describe(incidents));
        Incident poison = incidents.get(0);
        assertEquals("ingest-impressions", poison.cause().stage(), () -> describe(incidents));
        assertTrue(poison.alerts().contains("stream-consumers-falling-behind"), () -> describe(incidents));
        Incident storm = incidents.get(1);
        assertEquals("device-logs", storm.cause().stage(), () -> describe(incidents));
        assertEquals("kinesis-write-throughput-exceeded", storm.cause().alarm(), () -> describe(incidents));
        assertTrue(storm.alerts().size() > 1, () -> describe(incidents));
        Incident late = incidents.get(2);
        assertEquals("late-logs-above-normal", late.cause().alarm(), () -> describe(incidents));
        assertEquals("monitor-late-data", late.cause().stage());
        incidents.forEach(i -> assertEquals(Incident.State.RESOLVED, i.state(), i.title()));
        assertTrue(poison.cause().reason().contains(" after ") || poison.cause().reason().contains(" before ")
                || poison.cause().reason().contains(" with "), poison.cause().reason());
    }

    /**
     * The default routing (group by incident, 30 s group wait, 5 min group interval), as the dispatcher applies it:
     * every message of the demo's first cycle is about one incident, each incident's messages form one group (one
     * conversation), and every alert that fired is named in its incident's conversation.
     */
    @ParameterizedTest(name = "start at second {0} of the minute")
    @ValueSource(ints = {0, 42})
    void eachIncidentIsOneConversationThatNamesAllItsAlerts(int secondOfMinute) {
        Instant start = Instant.parse("2026-11-25T03:00:00Z").plusSeconds(secondOfMinute);
        var route = new io.pipewatch.notify.route.Route("default", List.of(), "slack", List.of("incident"),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));
        var groups = new io.pipewatch.notify.route.AlertGroups(new io.pipewatch.notify.route.Routes(List.of(route)),
                (a, now) -> false, Map.of(), Alert::dashboard);
        List<Pipeline> pipelines = demoPipelines();
        Map<String, Alert> current = new java.util.HashMap<>();
        var alerts = new io.pipewatch.alert.AlertQueries() {
            @Override
            public List<Alert> all() {
                return List.copyOf(current.values());
            }

            @Override
            public Optional<Alert> get(String id) {
                return Optional.ofNullable(current.get(id));
            }

            @Override
            public long version() {
                throw new UnsupportedOperationException("incidents do not ask for it");
            }
        };
        var tracker = new IncidentTracker(() -> pipelines, new InMemoryIncidentStore(java.time.Clock.systemUTC()), alerts, null);
        Map<String, Instant> firingSince = new java.util.HashMap<>();
        Map<String, List<String>> namedByGroup = new java.util.LinkedHashMap<>();
        var changes = DemoSimulation.run(ALARMS, start, Duration.ofMinutes(15)).values().stream().flatMap(List::stream)
                .filter(c -> !c.at().isBefore(start)).sorted(Comparator.comparing(DemoSimulation.Change::at)).toList();
        int next = 0;
        for (Instant now = start; now.isBefore(start.plus(Duration.ofMinutes(15))); now = now.plusSeconds(10)) {
            while (next < changes.size() && !changes.get(next).at().isAfter(now)) {
                var change = changes.get(next++);
                AlarmDefinition alarm = ALARMS.stream().filter(a -> a.id().equals(change.alarm())).findFirst().orElseThrow();
                if (change.to() == AlertState.FIRING) {
                    firingSince.put(alarm.id(), change.at());
                }
                Alert alert = alert(alarm, change.to(), change.at(), firingSince.get(alarm.id()));
                current.put(alert.id(), alert);
                var kind = change.to() == AlertState.FIRING ? io.pipewatch.alert.AlertNotification.Kind.FIRING
                        : io.pipewatch.alert.AlertNotification.Kind.RESOLVED;
                if (change.to() != AlertState.FIRING && change.to() != AlertState.RESOLVED) {
                    continue; // only firings and resolutions are announced
                }
                // As the dispatcher takes each update: labelled with its pipeline incident.
                for (var update : tracker.updatesFor(new io.pipewatch.alert.AlertNotification(kind, alert))) {
                    groups.offer(io.pipewatch.notify.delivery.NotificationDispatcher.withIncident(update.change().alert(),
                            update.incident()), change.at());
                }
            }
            for (var flush : groups.due(now)) {
                var n = flush.notification();
                var names = namedByGroup.computeIfAbsent(n.groupKey(), k -> new ArrayList<>());
                n.firing().forEach(a -> names.add(a.id()));
                n.resolved().forEach(a -> names.add(a.id()));
            }
        }
        List<Incident> first = tracker.all().stream().filter(i -> i.mergedInto() == null)
                .filter(i -> i.startedAt().isBefore(start.plus(Duration.ofMinutes(10))))
                .sorted(Comparator.comparing(Incident::startedAt)).toList();
        assertEquals(3, first.size(), () -> describe(first));
        for (Incident i : first) {
            String group = "default{incident=" + i.id() + "}";
            assertTrue(namedByGroup.containsKey(group), group + " never spoke: " + namedByGroup.keySet());
            assertEquals(java.util.Set.copyOf(i.alerts()), java.util.Set.copyOf(namedByGroup.get(group)),
                    "every alert of " + i.title() + " is named in its conversation, and no other");
        }
        assertTrue(namedByGroup.keySet().stream().allMatch(k -> k.startsWith("default{incident=")), namedByGroup.keySet()::toString);
    }

    /** Feeds every state change, in time order, into an incident book, as the tracker does. */
    private static List<Incident> incidents(Instant start, Duration length) {
        var changes = DemoSimulation.run(ALARMS, start, length.plusMinutes(5)).values().stream()
                .flatMap(List::stream).filter(c -> !c.at().isBefore(start))
                .sorted(Comparator.comparing(DemoSimulation.Change::at)).toList();
        List<Pipeline> pipelines = demoPipelines();
        var book = new IncidentBook();
        Map<String, Instant> firingSince = new java.util.HashMap<>();
        List<String> seen = new ArrayList<>();
        for (var change : changes) {
            AlarmDefinition alarm = ALARMS.stream().filter(a -> a.id().equals(change.alarm())).findFirst().orElseThrow();
            if (change.to() == AlertState.FIRING) {
                firingSince.put(alarm.id(), change.at());
            }
            book.offer(alert(alarm, change.to(), change.at(), firingSince.get(alarm.id())), pipelines).stream()
                    .filter(i -> !seen.contains(i.id()) && i.startedAt().isBefore(start.plus(length)))
                    .forEach(i -> seen.add(i.id()));
        }
        return seen.stream().map(id -> book.all().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow())
                .filter(i -> i.mergedInto() == null).toList();
    }

    static List<Pipeline> demoPipelines() {
        var catalog = new DashboardCatalog(Path.of("dashboards"), Duration.ofMinutes(10), Duration.ofMinutes(10),
                new SeriesDemand(), Optional.of(query -> List.of("rollup-hourly")));
        catalog.refresh();
        return new DashboardPipelines(catalog).all();
    }

    private static Alert alert(AlarmDefinition a, AlertState state, Instant at, Instant firingSince) {
        var subject = new AlertSubject(a.id(), a.name(), a.severity(), a.summary(), a.resource(), a.condition(),
                a.threshold(), a.unit(), a.runbook(), "", a.labels(), Alert.PIPEWATCH,
                a.composite().isPresent() ? a.metrics().stream().sorted(Comparator.comparing(Object::toString)).toList()
                        : a.inputs().stream().map(i -> i.series().metric()).distinct().toList());
        return new Alert(subject, new AlertStatus(state, at, firingSince, null, "", null), List.of(), null);
    }

    private static String describe(List<Incident> incidents) {
        return incidents.stream().map(i -> i.startedAt() + " " + i.title() + " | " + i.cause().reason() + " | effects "
                + i.effects().stream().map(e -> e.alarm() + "@" + e.stage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
