package io.pipewatch.source.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.AlertState;
import io.pipewatch.source.demo.DemoSimulation.Change;
import io.pipewatch.rule.AlarmDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the real simulator against the shipped {@code alarms/} on a manual clock (no sleeping) and
 * checks the demo's promise: the first alert fires within 90 s of start and resolves within 5
 * minutes, whatever second of the minute the demo starts at, and every shipped alarm fires and
 * resolves in each 10-minute cycle with nothing firing in the calm history before start.
 */
class DemoTimelineTest {

    private final List<AlarmDefinition> alarms = shippedAlarms();

    @ParameterizedTest(name = "start at second {0} of the minute")
    @ValueSource(ints = {0, 1, 17, 30, 45, 59})
    void firstAlertFiresWithin90SecondsAndResolvesWithin5Minutes(int secondOfMinute) {
        Instant start = Instant.parse("2026-11-25T03:00:00Z").plusSeconds(secondOfMinute);
        Map<String, List<Change>> changes = run(start, Duration.ofMinutes(11));

        Change firstFiring = changes.values().stream().flatMap(List::stream)
                .filter(c -> c.to() == AlertState.FIRING).min((a, b) -> a.at().compareTo(b.at())).orElseThrow();
        assertTrue(!firstFiring.at().isAfter(start.plusSeconds(90)),
                "first alert fired " + Duration.between(start, firstFiring.at()) + " after start");
        Instant resolved = changes.get(firstFiring.alarm()).stream()
                .filter(c -> c.to() == AlertState.RESOLVED && c.at().isAfter(firstFiring.at()))
                .map(Change::at).findFirst().orElseThrow();
        assertTrue(!resolved.isAfter(firstFiring.at().plus(Duration.ofMinutes(5))),
                firstFiring.alarm() + " resolved " + Duration.between(firstFiring.at(), resolved) + " after firing");
    }

    @ParameterizedTest(name = "start at second {0} of the minute")
    @ValueSource(ints = {0, 42})
    void everyDemoPipelineAlarmFiresAndResolvesInEachCycleAndTheOthersStayQuiet(int secondOfMinute) {
        Instant start = Instant.parse("2026-11-25T03:00:00Z").plusSeconds(secondOfMinute);
        Instant cycleEnd = start.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(IncidentTimeline.CYCLE);
        Map<String, List<Change>> changes = run(start, Duration.ofMinutes(21));

        List<String> failures = new ArrayList<>();
        for (AlarmDefinition alarm : alarms) {
            List<Change> history = changes.get(alarm.id());
            if (!alarm.file().getFileName().toString().equals("demo-pipeline.yaml")) {
                // Limits the demo never reaches (retention, read throughput): a firing would be a false alarm.
                if (history.stream().anyMatch(c -> c.to() == AlertState.FIRING)) {
                    failures.add(alarm.name() + " fired in the demo, which never reaches its limit: " + history);
                }
                continue;
            }
            assertTrue(history.stream().noneMatch(c -> c.to() == AlertState.FIRING && c.at().isBefore(start)),
                    alarm.name() + " fired in the calm history");
            for (int cycle = 0; cycle < 2; cycle++) {
                Instant from = cycleEnd.minus(IncidentTimeline.CYCLE).plus(IncidentTimeline.CYCLE.multipliedBy(cycle));
                Instant to = from.plus(IncidentTimeline.CYCLE);
                List<Change> firings = history.stream()
                        .filter(c -> c.to() == AlertState.FIRING && within(c, from, to)).toList();
                if (firings.size() != 1) {
                    failures.add(alarm.name() + " fired " + firings.size() + " times in cycle " + cycle + ": " + history);
                    continue;
                }
                Instant fired = firings.get(0).at();
                boolean resolved = history.stream().anyMatch(c -> c.to() == AlertState.RESOLVED
                        && c.at().isAfter(fired) && !c.at().isAfter(fired.plus(Duration.ofMinutes(5))));
                if (!resolved) {
                    failures.add(alarm.name() + " did not resolve within 5 minutes in cycle " + cycle + ": " + history);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    private static boolean within(Change c, Instant from, Instant to) {
        return !c.at().isBefore(from) && c.at().isBefore(to);
    }

    private Map<String, List<Change>> run(Instant start, Duration length) {
        return DemoSimulation.run(alarms, start, length);
    }

    private static List<AlarmDefinition> shippedAlarms() {
        // Pipewatch's own series are not simulated: StreamSaturationIT covers stream saturation from DynamoDB
        // Local's stream, CloudWatchMetricSourceIT the source-unavailable alarm.
        var simulated = DemoSimulation.simulatedAlarms();
        assertEquals(11, simulated.size());
        return simulated;
    }

}
