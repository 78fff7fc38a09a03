package io.pipewatch.rule;

import io.pipewatch.signal.BandEdge;
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
        Optional<LowSampleCount> lowSampleCount,
        Optional<Composite> composite,
        Path file) {

    /** The same alarm with its composite rule resolved against the other alarms. */
    AlarmDefinition withComposite(Composite resolved) {
        return new AlarmDefinition(id, name, summary, severity, inputs, expression, period, criteria, runbook, dashboard, labels,
                evaluatedBy, keepFiringFor, unit, lowSampleCount, Optional.of(resolved), file);
    }

    /** How long the condition must stay clear before a firing alert resolves: {@code keep_firing_for} periods. */
    public Duration keepFiring() {
        return period.multipliedBy(keepFiringFor);
    }

    /**
     * Every series the alarm needs polled: its inputs, the band's two edges for an anomaly detection alarm
     * (CloudWatch computes the band; Pipewatch reads it), and the sample counts a percentile alarm that
     * ignores low samples judges its periods by. All of one metric, so they share a GetMetricData call.
     */
    public List<SeriesKey> seriesKeys() {
        List<SeriesKey> keys = new java.util.ArrayList<>(inputs.stream().map(AlarmInput::series).toList());
        bandOf().ifPresent(of -> {
            keys.add(BandEdge.lower(of, criteria.threshold()));
            keys.add(BandEdge.upper(of, criteria.threshold()));
        });
        sampleCountOf().ifPresent(keys::add);
        return List.copyOf(keys);
    }

    /** The series whose band an anomaly detection alarm compares with. */
    public Optional<SeriesKey> bandOf() {
        return criteria.comparison().withBand() ? Optional.of(inputs.get(0).series()) : Optional.empty();
    }

    /** The sample counts of the watched metric, when low-sample periods are ignored. */
    public Optional<SeriesKey> sampleCountOf() {
        if (criteria.minimumSamples() == 0) {
            return Optional.empty();
        }
        SeriesKey watched = inputs.get(0).series();
        return Optional.of(new SeriesKey(watched.metric(), "SampleCount"));
    }

    /** The fixed threshold; NaN for an anomaly detection alarm, whose threshold moves with its band, and a composite. */
    public double threshold() {
        return criteria.comparison().withBand() || composite.isPresent() ? Double.NaN : criteria.threshold();
    }

    /** The metrics the alarm reads, to place it beside the charts that show them. */
    public Set<MetricId> metrics() {
        if (composite.isPresent()) {
            return composite.get().metrics();
        }
        return inputs.stream().map(i -> i.series().metric()).collect(Collectors.toSet());
    }

    /** Where the problem is, for humans: the resource the (first) metric's dimensions name. */
    public String resource() {
        if (composite.isPresent()) {
            return composite.get().resource();
        }
        MetricId metric = inputs.get(0).series().metric();
        return metric.dimensions().isEmpty()
                ? metric.namespace()
                : String.join(", ", metric.dimensions().values());
    }

    /** A one-line condition such as {@code Maximum GetRecords.IteratorAgeMilliseconds > 30000 for 1 of 1 × 60s}. */
    public String condition() {
        if (composite.isPresent()) {
            return Composite.CONDITION + composite.get().rule();
        }
        String watched = expression.map(e -> e.describe(metricNames())).orElseGet(() -> {
            SeriesKey only = inputs.get(0).series();
            return only.statistic() + " " + only.metric().name();
        });
        String against = criteria.comparison().withBand()
                ? "(band width " + formatNumber(criteria.threshold()) + ")"
                : unit.format(criteria.threshold());
        return watched + " " + criteria.comparison().symbol() + " " + against + " for " + criteria.datapointsToAlarm() + " of "
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
