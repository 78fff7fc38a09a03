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
import java.util.List;

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
        AlertState state = test.initialState();
        FlapDamper damper = new FlapDamper();
        Outcome last = null;
        long end = test.expectations().get(test.expectations().size() - 1).at().toMillis();
        int next = 0;
        for (long t = 0; t <= end && next < test.expectations().size(); t += intervalMillis) {
            Instant now = START.plusMillis(t);
            if (t > 0) {
                last = evaluator.evaluate(PeriodWindow.range(test.alarm(), store, now), test.alarm().criteria());
                state = damper.next(state, last, now, test.alarm().keepFiring());
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
