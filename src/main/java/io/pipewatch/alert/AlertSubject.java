package io.pipewatch.alert;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.Unit;
import java.util.List;
import java.util.Map;

/**
 * What an alert is about, fixed while it lives: which alarm ({@code id}, its {@code alarm} name and labels), who
 * evaluates it ({@code source}: {@code pipewatch}, or {@code cloudwatch} over SNS), what it checks and in which unit,
 * where to look (runbook and dashboard), and the metrics it watches (none for CloudWatch's metric math). Its state over time is {@link AlertStatus}.
 */
public record AlertSubject(
        String id,
        String alarm,
        Severity severity,
        String summary,
        String resource,
        String condition,
        @JsonSerialize(using = NoThresholdAsNull.Writer.class) @JsonDeserialize(using = NoThresholdAsNull.Reader.class)
        double threshold,
        Unit unit,
        String runbook,
        String dashboard,
        Map<String, String> labels,
        String source,
        List<MetricId> metrics) {

    public AlertSubject {
        // Alerts stored before metrics were kept have none; incidents then place them by resource.
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** The subject of an alarm of ours, as Pipewatch evaluates it or CloudWatch reports it ({@code source}). */
    static AlertSubject of(AlarmDefinition alarm, String source, AlertLinks links) {
        return new AlertSubject(alarm.id(), alarm.name(), alarm.severity(), alarm.summary(), alarm.resource(),
                alarm.condition(), alarm.threshold(), alarm.unit(), links.runbook(alarm), links.dashboard(alarm),
                alarm.labels(), source, metrics(alarm));
    }

    /** What the alarm watches, in the order it names it; a composite, what its children watch. */
    private static List<MetricId> metrics(AlarmDefinition alarm) {
        return alarm.composite().isPresent()
                ? alarm.metrics().stream().sorted(java.util.Comparator.comparing(MetricId::toString)).toList()
                : alarm.inputs().stream().map(i -> i.series().metric()).distinct().toList();
    }

    /** The same subject with one more label (or the label's value replaced). */
    public AlertSubject withLabel(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(labels);
        more.put(key, value);
        return new AlertSubject(id, alarm, severity, summary, resource, condition, threshold, unit, runbook, dashboard, more,
                source, metrics);
    }

    /** How a composite alarm's condition begins, whether Pipewatch or CloudWatch evaluates it. */
    public static final String COMPOSITE = io.pipewatch.rule.Composite.CONDITION;

    /** Whether the alert is a composite alarm's: a summary of other alarms, not a trouble of its own. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean composite() {
        return condition != null && condition.startsWith(COMPOSITE);
    }

    /** What the numbers measure; none for an alert stored before units were kept. */
    public Unit unitOrNone() {
        return unit == null ? Unit.NONE : unit;
    }
}
