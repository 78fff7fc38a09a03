package io.pipewatch.rule;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.Unit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One alarm from {@code alarms/*.yaml}: what it watches, when it fires, and who to point at what. */
public record AlarmDefinition(
        String id,
        String name,
        String summary,
        Severity severity,
        List<AlarmInput> inputs,
        Optional<Expression> expression,
        Duration period,
        EvaluationCriteria criteria,
        String runbook,
        Optional<String> dashboard,
        Map<String, String> labels,
        EvaluatedBy evaluatedBy,
        int keepFiringFor,
        Unit unit,
        Path file) {

    /** How long the condition must stay clear before a firing alert resolves: {@code keep_firing_for} periods. */
    public Duration keepFiring() {
        return period.multipliedBy(keepFiringFor);
    }

    public List<SeriesKey> seriesKeys() {
        return inputs.stream().map(AlarmInput::series).toList();
    }

    /** The metrics the alarm reads, to place it beside the charts that show them. */
    public Set<MetricId> metrics() {
        return inputs.stream().map(i -> i.series().metric()).collect(Collectors.toSet());
    }

    /** Where the problem is, for humans: the resource the (first) metric's dimensions name. */
    public String resource() {
        MetricId metric = inputs.get(0).series().metric();
        return metric.dimensions().isEmpty()
                ? metric.namespace()
                : String.join(", ", metric.dimensions().values());
    }

    /** A one-line condition such as {@code Maximum GetRecords.IteratorAgeMilliseconds > 30000 for 1 of 1 × 60s}. */
    public String condition() {
        String watched = expression.map(e -> e.describe(metricNames())).orElseGet(() -> {
            SeriesKey only = inputs.get(0).series();
            return only.statistic() + " " + only.metric().name();
        });
        return watched + " " + criteria.comparison().symbol() + " "
                + unit.format(criteria.threshold()) + " for " + criteria.datapointsToAlarm() + " of "
                + criteria.evaluationPeriods() + " × " + period.toSeconds() + "s";
    }

    /**
     * Each input's metric name by its id, for reading an expression; empty when two inputs share a name
     * (errors of two functions), where only the ids tell them apart.
     */
    private Map<String, String> metricNames() {
        Map<String, String> names = new java.util.HashMap<>();
        for (AlarmInput input : inputs) {
            names.put(input.id(), input.series().metric().name());
        }
        return names.values().stream().distinct().count() == names.size() ? names : Map.of();
    }

    public static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
    }
}
