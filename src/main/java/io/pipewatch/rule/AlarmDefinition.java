package io.pipewatch.rule;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One alarm from {@code alarms/*.yaml}: what it watches, when it fires, and who to point at what. */
public record AlarmDefinition(
        String id,
        String name,
        String summary,
        Severity severity,
        MetricId metric,
        String statistic,
        Duration period,
        EvaluationCriteria criteria,
        String runbook,
        Optional<String> dashboard,
        Map<String, String> labels,
        Path file) {

    public SeriesKey series() {
        return new SeriesKey(metric, statistic);
    }

    /** Where the problem is, for humans: the resource the metric's dimensions name. */
    public String resource() {
        return metric.dimensions().isEmpty()
                ? metric.namespace()
                : String.join(", ", metric.dimensions().values());
    }

    /** A one-line condition such as {@code Maximum GetRecords.IteratorAgeMilliseconds > 30000 for 1 of 1 × 60s}. */
    public String condition() {
        return statistic + " " + metric.name() + " " + criteria.comparison().symbol() + " "
                + formatNumber(criteria.threshold()) + " for " + criteria.datapointsToAlarm() + " of "
                + criteria.evaluationPeriods() + " × " + period.toSeconds() + "s";
    }

    public static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
    }
}
