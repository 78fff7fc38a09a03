package io.pipewatch.alarmcode;

import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmInput;
import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.Statistic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutCompositeAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * Decides what a {@code cloudwatch} alarm becomes in CloudWatch, and how a deployed alarm reads for a
 * diff. Both sides go through {@link #fields}, so plan compares like with like and a second apply
 * finds nothing to change.
 */
final class CloudWatchAlarmSpec {

    /** How alarms are deployed: the owned name prefix, the SNS topic notified, and where relative runbook links point. */
    record Deployment(String prefix, String topicArn, String publicUrl) {
    }

    static final int MAX_DESCRIPTION = 1024;
    static final String RESULT_ID = "result";
    /** The id of an anomaly detection alarm's band query, its ThresholdMetricId. */
    static final String BAND_ID = "band";

    private CloudWatchAlarmSpec() {
    }

    static String name(AlarmDefinition alarm, Deployment deployment) {
        return deployment.prefix() + alarm.id();
    }

    /** The alarm, of its kind, as CloudWatch would describe it once applied. */
    static DeployedAlarm deployed(AlarmDefinition alarm, Deployment deployment) {
        return alarm.composite().isPresent() ? new DeployedAlarm.Composite(composite(alarm, deployment))
                : new DeployedAlarm.Metric(desired(alarm, deployment));
    }

    /** A composite alarm: its rule over the deployed names of the alarms it names, notifying as the others do. */
    static CompositeAlarm composite(AlarmDefinition alarm, Deployment deployment) {
        List<String> actions = deployment.topicArn() == null ? List.of() : List.of(deployment.topicArn());
        var c = alarm.composite().orElseThrow();
        Map<String, String> names = new java.util.HashMap<>();
        c.idsByName().forEach((written, id) -> names.put(written, deployment.prefix() + id));
        return CompositeAlarm.builder().alarmName(name(alarm, deployment)).alarmDescription(description(alarm, deployment))
                .actionsEnabled(true).alarmActions(actions).okActions(actions).alarmRule(c.rule().renamed(names)).build();
    }

    static PutCompositeAlarmRequest request(CompositeAlarm c) {
        return PutCompositeAlarmRequest.builder().alarmName(c.alarmName()).alarmDescription(c.alarmDescription())
                .actionsEnabled(c.actionsEnabled()).alarmActions(c.alarmActions()).okActions(c.okActions())
                .alarmRule(c.alarmRule()).tags(Tag.builder().key("ManagedBy").value("pipewatch").build()).build();
    }

    static Map<String, String> fields(CompositeAlarm c) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("description", c.alarmDescription() == null ? "" : c.alarmDescription());
        out.put("actions", Boolean.TRUE.equals(c.actionsEnabled()) ? "alarm " + c.alarmActions() + ", ok " + c.okActions() : "disabled");
        out.put("rule", c.alarmRule() == null ? "" : c.alarmRule());
        return out;
    }

    /** The alarm as CloudWatch would describe it once applied. */
    static MetricAlarm desired(AlarmDefinition alarm, Deployment deployment) {
        var criteria = alarm.criteria();
        List<String> actions = deployment.topicArn() == null ? List.of() : List.of(deployment.topicArn());
        var builder = MetricAlarm.builder()
                .alarmName(name(alarm, deployment))
                .alarmDescription(description(alarm, deployment))
                .actionsEnabled(true)
                .alarmActions(actions)
                .okActions(actions)
                .threshold(alarm.bandOf().isPresent() ? null : criteria.threshold())
                .comparisonOperator(ComparisonOperator.fromValue(criteria.comparison().name()))
                .evaluationPeriods(criteria.evaluationPeriods())
                .datapointsToAlarm(criteria.datapointsToAlarm())
                .treatMissingData(criteria.treatMissingData().spelling());
        alarm.lowSampleCount().ifPresent(l -> builder.evaluateLowSampleCountPercentile(l.spelling()));
        if (alarm.bandOf().isPresent()) {
            SeriesKey watched = alarm.bandOf().get();
            String metricId = alarm.inputs().get(0).id();
            builder.metrics(MetricDataQuery.builder().id(metricId).returnData(true)
                            .metricStat(MetricStat.builder().metric(metric(watched.metric()))
                                    .period((int) alarm.period().toSeconds()).stat(watched.statistic()).build()).build(),
                    MetricDataQuery.builder().id(BAND_ID)
                            .expression("ANOMALY_DETECTION_BAND(" + metricId + ", " + BandEdge.widthText(criteria.threshold()) + ")")
                            .label(watched.metric().name() + " (expected)").returnData(true).build())
                    .thresholdMetricId(BAND_ID);
        } else if (alarm.expression().isEmpty()) {
            SeriesKey only = alarm.inputs().get(0).series();
            builder.namespace(only.metric().namespace()).metricName(only.metric().name())
                    .dimensions(dimensions(only.metric())).period((int) alarm.period().toSeconds());
            if (Statistic.BASIC.contains(only.statistic())) {
                builder.statistic(only.statistic());
            } else {
                builder.extendedStatistic(only.statistic());
            }
        } else {
            List<MetricDataQuery> queries = new ArrayList<>();
            for (AlarmInput input : alarm.inputs()) {
                queries.add(MetricDataQuery.builder().id(input.id()).returnData(false)
                        .metricStat(MetricStat.builder().metric(metric(input.series().metric()))
                                .period((int) alarm.period().toSeconds()).stat(input.series().statistic()).build())
                        .build());
            }
            queries.add(MetricDataQuery.builder().id(resultId(alarm)).expression(alarm.expression().get().toString())
                    .label(alarm.name()).returnData(true).build());
            builder.metrics(queries);
        }
        return builder.build();
    }

    /** The expression's own query id: {@code result}, unless a metric of the alarm is already called that. */
    static String resultId(AlarmDefinition alarm) {
        var taken = alarm.inputs().stream().map(AlarmInput::id).collect(Collectors.toSet());
        String id = RESULT_ID;
        for (int n = 1; taken.contains(id); n++) {
            id = RESULT_ID + n;
        }
        return id;
    }

    static PutMetricAlarmRequest request(MetricAlarm m) {
        return PutMetricAlarmRequest.builder().alarmName(m.alarmName()).alarmDescription(m.alarmDescription())
                .actionsEnabled(m.actionsEnabled()).alarmActions(m.alarmActions()).okActions(m.okActions())
                .namespace(m.namespace()).metricName(m.metricName()).dimensions(m.dimensions()).period(m.period())
                // One or the other: a percentile is the extended statistic, whatever else a service echoes back.
                .statistic(m.extendedStatistic() != null ? null : m.statisticAsString()).extendedStatistic(m.extendedStatistic())
                .metrics(m.metrics())
                .threshold(m.threshold()).thresholdMetricId(m.thresholdMetricId()).comparisonOperator(m.comparisonOperator())
                .evaluateLowSampleCountPercentile(m.evaluateLowSampleCountPercentile())
                .evaluationPeriods(m.evaluationPeriods()).datapointsToAlarm(m.datapointsToAlarm())
                .treatMissingData(m.treatMissingData())
                .tags(Tag.builder().key("ManagedBy").value("pipewatch").build())
                .build();
    }

    /** The fields a reviewer compares, in reading order, spelled for humans. */
    static Map<String, String> fields(MetricAlarm m) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("description", m.alarmDescription() == null ? "" : m.alarmDescription());
        out.put("actions", Boolean.TRUE.equals(m.actionsEnabled()) ? "alarm " + m.alarmActions() + ", ok " + m.okActions() : "disabled");
        if (m.hasMetrics() && !m.metrics().isEmpty()) {
            out.put("metrics", m.metrics().stream().map(CloudWatchAlarmSpec::query).collect(Collectors.joining("; ")));
        } else {
            out.put("metric", m.metricName() == null ? "(none named)" : m.namespace() + " " + m.metricName() + "{"
                    + m.dimensions().stream().sorted(java.util.Comparator.comparing(Dimension::name))
                    .map(d -> d.name() + "=" + d.value()).collect(Collectors.joining(",")) + "}");
            // A service may return both; the extended statistic (p99) is the one that means something.
            out.put("statistic", m.extendedStatistic() != null ? m.extendedStatistic()
                    : m.statistic() != null ? m.statisticAsString() : "(none)");
            out.put("period", m.period() + "s");
        }
        out.put("condition", m.comparisonOperatorAsString() + " " + (m.thresholdMetricId() != null ? "band " + m.thresholdMetricId()
                : AlarmDefinition.formatNumber(m.threshold() == null ? 0 : m.threshold())));
        if (m.evaluateLowSampleCountPercentile() != null) {
            out.put("evaluate_low_sample_count_percentile", m.evaluateLowSampleCountPercentile());
        }
        out.put("datapoints", m.datapointsToAlarm() + " of " + m.evaluationPeriods());
        out.put("treat_missing_data", m.treatMissingData() == null ? "missing" : m.treatMissingData());
        return out;
    }

    private static String query(MetricDataQuery q) {
        if (q.expression() != null) {
            return q.id() + " = " + q.expression();
        }
        MetricStat s = q.metricStat();
        return q.id() + " = " + s.metric().namespace() + " " + s.metric().metricName() + "{" + s.metric().dimensions().stream()
                .sorted(java.util.Comparator.comparing(Dimension::name))
                .map(d -> d.name() + "=" + d.value()).collect(Collectors.joining(",")) + "} " + s.stat() + " " + s.period() + "s";
    }

    /** Summary, runbook and source file, cut to CloudWatch's 1,024 characters without losing the runbook link. */
    static String description(AlarmDefinition alarm, Deployment deployment) {
        String runbook = alarm.runbook().startsWith("/") ? deployment.publicUrl().replaceAll("/$", "") + alarm.runbook() : alarm.runbook();
        String tail = "\n\nRunbook: " + runbook + "\nManaged by Pipewatch: " + alarm.file().getFileName()
                + " (" + alarm.severity().name().toLowerCase(java.util.Locale.ROOT) + ")";
        String summary = alarm.summary();
        int room = MAX_DESCRIPTION - tail.length();
        if (summary.length() > room) {
            summary = summary.substring(0, Math.max(0, room - 1)) + "…";
        }
        return summary + tail;
    }

    private static Metric metric(MetricId id) {
        return Metric.builder().namespace(id.namespace()).metricName(id.name()).dimensions(dimensions(id)).build();
    }

    private static List<Dimension> dimensions(MetricId id) {
        return id.dimensions().entrySet().stream().map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }
}
