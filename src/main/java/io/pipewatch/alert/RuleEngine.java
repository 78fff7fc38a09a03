package io.pipewatch.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmEvaluator;
import io.pipewatch.rule.CompositeRule;
import io.pipewatch.rule.EvaluatedBy;
import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.PeriodWindow;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SignalsPolled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Evaluates every alarm after each poll cycle and hands the outcomes to the alert lifecycle. It lives in
 * {@code alert}, not {@code rule}: the evaluator stays a pure function of series and criteria, and only
 * the alert side knows there is a tracker to feed ({@code alert} → {@code rule}, never back).
 */
@ApplicationScoped
public class RuleEngine {

    private final AlarmCatalog catalog;
    private final SeriesStore store;
    private final AlertTracker tracker;
    private final AlarmEvaluator evaluator = new AlarmEvaluator();
    private final Counter evaluations;

    /**
     * In aws mode with SNS topics configured, CloudWatch's verdicts arrive over SNS: its alarms are not
     * evaluated twice. The demo has no CloudWatch, so it evaluates them itself.
     */
    private final boolean cloudWatchReports;

    public RuleEngine(AlarmCatalog catalog, SeriesStore store, AlertTracker tracker, MeterRegistry registry,
            io.pipewatch.config.PipewatchConfig config) {
        this.cloudWatchReports = config.mode() == io.pipewatch.config.PipewatchConfig.Mode.AWS
                && config.sns().topicArns().filter(t -> !t.isEmpty()).isPresent();
        this.catalog = catalog;
        this.store = store;
        this.tracker = tracker;
        this.evaluations = registry.counter("pipewatch.evaluations");
    }

    void onPolled(@Observes SignalsPolled polled) {
        evaluateAll(polled.at());
    }

    public void evaluateAll(Instant now) {
        // The catalog lists every composite after the alarms it names: their states are this cycle's.
        for (AlarmDefinition alarm : catalog.all()) {
            if (cloudWatchReports && alarm.evaluatedBy() == EvaluatedBy.CLOUDWATCH) {
                continue;
            }
            if (alarm.composite().isPresent()) {
                evaluations.increment();
                tracker.record(alarm, alarm.composite().get().evaluate(this::stateOf), now);
                continue;
            }
            Instant at = PeriodWindow.evaluationTime(alarm, store, now);
            Outcome outcome = evaluator.evaluate(PeriodWindow.range(alarm, store, at), alarm.criteria());
            evaluations.increment();
            tracker.record(alarm, outcome, at);
        }
    }

    /** An alert's state as a composite rule reads it: firing is ALARM; pending and resolved are still OK to CloudWatch. */
    private CompositeRule.State stateOf(String alarmId) {
        return tracker.get(alarmId).map(a -> a.state().asCloudWatch()).orElse(CompositeRule.State.INSUFFICIENT_DATA);
    }
}
