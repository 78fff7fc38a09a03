package io.pipewatch.alarmcode;

import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.FlapDamper;
import io.pipewatch.rule.AlarmEvaluator;
import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.PeriodWindow;
import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.pipewatch.rule.AlarmDefinition;

/**
 * Runs a test through the service's own evaluator and alert state machine: the values go into a
 * series store, and the alarm is evaluated after every interval from the start, as the service
 * evaluates after every poll. A value at {@code t} belongs to the period holding {@code t}, which
 * counts once that period has ended: with 1-minute periods, a value written at 5m is seen at 6m.
 */
public final class AlarmTestRunner {

    /** A fixed start, aligned to every period CloudWatch allows, so results never depend on the clock. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** What the test expected and what the evaluator said, with its reason. */
    public record Failure(Duration at, AlertState expected, AlertState got, String reason) {
    }

    public record Result(AlarmTest test, List<Failure> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final AlarmEvaluator evaluator = new AlarmEvaluator();
    private final Map<String, AlarmDefinition> alarms;

    public AlarmTestRunner() {
        this(List.of());
    }

    /** @param alarms every alarm, so that a composite's test evaluates the alarms its rule names */
    public AlarmTestRunner(List<AlarmDefinition> alarms) {
        this.alarms = new LinkedHashMap<>();
        alarms.forEach(a -> this.alarms.put(a.id(), a));
    }

    /** The alarm and, before it, every alarm its rule names (recursively), each once: the order the service evaluates in. */
    List<AlarmDefinition> chain(AlarmDefinition alarm) {
        List<AlarmDefinition> out = new ArrayList<>();
        add(alarm, out);
        return out;
    }

    private void add(AlarmDefinition alarm, List<AlarmDefinition> out) {
        alarm.composite().ifPresent(c -> c.children().forEach(id -> add(alarms.get(id), out)));
        if (!out.contains(alarm)) {
            out.add(alarm);
        }
    }

    public Result run(AlarmTest test) {
        long intervalMillis = test.interval().toMillis();
        int longest = test.series().values().stream().mapToInt(List::size).max().orElse(0);
        SeriesStore store = new SeriesStore(Math.max(16, longest + 1));
        test.series().forEach((key, values) -> {
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) != null) {
                    store.put(key, new Datapoint(START.plusMillis(i * intervalMillis), values.get(i)));
                }
            }
        });
        List<Failure> failures = new ArrayList<>();
        List<AlarmDefinition> chain = chain(test.alarm());
        Map<String, AlertState> states = new HashMap<>();
        Map<String, FlapDamper> dampers = new HashMap<>();
        chain.forEach(a -> {
            states.put(a.id(), AlertState.INSUFFICIENT_DATA);
            dampers.put(a.id(), new FlapDamper());
        });
        states.put(test.alarm().id(), test.initialState());
        AlertState state = test.initialState();
        Outcome last = null;
        long end = test.expectations().get(test.expectations().size() - 1).at().toMillis();
        int next = 0;
        for (long t = 0; t <= end && next < test.expectations().size(); t += intervalMillis) {
            Instant now = START.plusMillis(t);
            if (t > 0) {
                for (AlarmDefinition alarm : chain) {
                    last = alarm.composite().isPresent()
                            ? alarm.composite().get().evaluate(id -> states.get(id).asCloudWatch())
                            : evaluator.evaluate(PeriodWindow.range(alarm, store, now), alarm.criteria());
                    states.put(alarm.id(), dampers.get(alarm.id()).next(states.get(alarm.id()), last, now, alarm.keepFiring()));
                }
                state = states.get(test.alarm().id());
            }
            while (next < test.expectations().size() && test.expectations().get(next).at().toMillis() < t + intervalMillis) {
                var expected = test.expectations().get(next++);
                if (expected.state() != state) {
                    failures.add(new Failure(expected.at(), expected.state(), state, last == null ? "not evaluated yet" : last.reason()));
                }
            }
        }
        return new Result(test, List.copyOf(failures));
    }
}
