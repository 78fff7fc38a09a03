package io.pipewatch.source.demo;

import io.pipewatch.alert.AlertState;
import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmEvaluator;
import io.pipewatch.rule.AlarmLoader;
import io.pipewatch.rule.PeriodWindow;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real demo simulator and the real evaluator on a manual clock: polls every 10 s from 10 minutes before
 * {@code start}, evaluating every alarm as the service does, and lists each alarm's state changes. No sleeping.
 */
public final class DemoSimulation {

    public static final Duration POLL = Duration.ofSeconds(10);

    /** An alarm's change of state at a poll. */
    public record Change(String alarm, AlertState to, Instant at) {
        @Override
        public String toString() {
            return to + "@" + at;
        }
    }

    private DemoSimulation() {
    }

    /** The shipped alarms the simulator feeds (Pipewatch's own series, such as stream saturation, are measured elsewhere). */
    public static List<AlarmDefinition> simulatedAlarms() {
        var problems = new DefinitionProblems();
        var alarms = new AlarmLoader().load(Path.of("alarms"), problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.report());
        }
        return alarms.stream().filter(a -> a.metrics().stream().noneMatch(m -> m.measuredByPipewatch())).toList();
    }

    /** Every alarm's changes, by alarm id, in the order they happened. */
    public static Map<String, List<Change>> run(List<AlarmDefinition> alarms, Instant start, Duration length) {
        var timeline = IncidentTimeline.startingAt(start);
        var pipeline = new DemoPipeline(timeline, Duration.ofMinutes(30), 42, "demo-impressions");
        var store = new SeriesStore(2160);
        var evaluator = new AlarmEvaluator();
        Map<String, AlertState> states = new LinkedHashMap<>();
        Map<String, List<Change>> changes = new LinkedHashMap<>();
        alarms.forEach(a -> {
            states.put(a.id(), AlertState.INSUFFICIENT_DATA);
            changes.put(a.id(), new ArrayList<>());
        });
        Instant simulated = start.minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES);
        for (Instant now = start.minus(Duration.ofMinutes(10)); now.isBefore(start.plus(length)); now = now.plus(POLL)) {
            while (!simulated.plus(DemoPipeline.STEP).isAfter(now)) {
                var step = pipeline.step(simulated, !simulated.isBefore(start));
                step.metrics().forEach((key, value) -> store.put(key, new Datapoint(step.at(), value)));
                for (AlarmDefinition alarm : alarms) {
                    alarm.bandOf().ifPresent(of -> alarm.seriesKeys().stream().filter(k -> !step.metrics().containsKey(k))
                            .forEach(edge -> store.put(edge, new Datapoint(step.at(), step.value(edge)))));
                }
                simulated = simulated.plus(DemoPipeline.STEP);
            }
            for (AlarmDefinition alarm : alarms) {
                var outcome = alarm.composite().isPresent()
                        ? alarm.composite().get().evaluate(id -> states.get(id).asCloudWatch())
                        : evaluator.evaluate(PeriodWindow.range(alarm, store, now), alarm.criteria());
                AlertState before = states.get(alarm.id());
                AlertState after = before.next(outcome);
                if (after != before) {
                    states.put(alarm.id(), after);
                    changes.get(alarm.id()).add(new Change(alarm.id(), after, now));
                }
            }
        }
        return changes;
    }
}
