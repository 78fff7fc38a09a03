package io.pipewatch.source.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.signal.MetricId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alarm state change CloudWatch publishes to SNS, read with its quirks: {@code Trigger.Dimensions}
 * use lower-case {@code name}/{@code value}, {@code Statistic} is upper case, {@code Region} is a display
 * name ("US East (N. Virginia)"), {@code DatapointsToAlarm} may be absent, metric-math alarms carry
 * {@code Trigger.Metrics} instead of a metric name, and {@code StateChangeTime} has a {@code +0000} offset.
 */
public record CloudWatchAlarmMessage(
        String alarmName,
        String alarmArn,
        String description,
        State newState,
        State oldState,
        String reason,
        Instant stateChangeTime,
        String region,
        String accountId,
        Trigger trigger,
        String alarmRule) {

    /** A composite alarm: its {@code AlarmRule} over other alarms' states, and no metric or threshold of its own. */
    public boolean composite() {
        return alarmRule != null && !alarmRule.isBlank();
    }

    public enum State {
        ALARM, OK, INSUFFICIENT_DATA
    }

    /** What the alarm watches, as far as the message says. */
    public record Trigger(String namespace, String metricName, String statistic, Map<String, String> dimensions,
            Optional<Double> threshold, String comparisonOperator, int evaluationPeriods, int datapointsToAlarm, int period,
            List<MetricId> mathMetrics, String band) {

        /**
         * The metrics a metric-math alarm reads ({@code Trigger.Metrics[].MetricStat.Metric}), in order; {@code band},
         * for an anomaly detection alarm, the ANOMALY_DETECTION_BAND expression its ThresholdMetricId names.
         */
        public Trigger {
            mathMetrics = List.copyOf(mathMetrics);
        }

        /** "Maximum GetRecords.IteratorAgeMilliseconds GreaterThanThreshold 30000", for people. */
        public String condition() {
            String watched = metricName != null ? capitalized(statistic) + " " + metricName
                    : band != null && mathMetrics.size() == 1 ? capitalized(statistic) + " " + mathMetrics.get(0).name()
                    : mathMetrics.isEmpty() ? "metric math" : "metric math over " + String.join(", ",
                            mathMetrics.stream().map(MetricId::name).distinct().toList());
            return watched + " " + (comparisonOperator == null ? "?" : comparisonOperator) + " "
                    + (band != null ? band : threshold.map(Trigger::number).orElse("(no threshold)"))
                    + " for " + datapointsToAlarm + " of " + evaluationPeriods + " × " + period + "s";
        }

        /**
         * A threshold as the alarm's own condition spells it (5, not 5.0): the same rule as
         * {@code rule.AlarmDefinition.formatNumber}, kept here because a source may not depend on {@code rule}
         * (alert reads this package, and rule reads alert, so the arrow would close a cycle).
         */
        private static String number(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
        }

        private static String capitalized(String statistic) {
            if (statistic == null || statistic.isEmpty()) {
                return "";
            }
            if (!statistic.equals(statistic.toUpperCase(java.util.Locale.ROOT))) {
                return statistic; // an ExtendedStatistic such as p99, as written
            }
            // SNS spells statistics MAXIMUM and SAMPLE_COUNT; the console, Maximum and SampleCount.
            StringBuilder out = new StringBuilder();
            for (String word : statistic.split("_")) {
                out.append(word.isEmpty() ? "" : word.charAt(0) + word.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
            return out.toString();
        }
    }

    private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** @throws IllegalArgumentException naming the missing or malformed field when this is not an alarm state change */
    public static CloudWatchAlarmMessage parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode trigger = root.path("Trigger");
        Map<String, String> dimensions = dimensions(trigger.path("Dimensions"));
        int evaluationPeriods = trigger.path("EvaluationPeriods").asInt(1);
        String statistic = trigger.hasNonNull("Statistic") ? text(trigger, "Statistic") : text(trigger, "ExtendedStatistic");
        String band = null;
        String bandId = text(trigger, "ThresholdMetricId");
        for (JsonNode q : trigger.path("Metrics")) {
            if (bandId != null && bandId.equals(text(q, "Id"))) {
                band = text(q, "Expression");
            } else if (bandId != null && statistic == null && q.path("MetricStat").has("Stat")) {
                statistic = text(q.path("MetricStat"), "Stat"); // the banded metric's, for its unit and its name
            }
        }
        Trigger t = new Trigger(text(trigger, "Namespace"), text(trigger, "MetricName"), statistic,
                dimensions, trigger.hasNonNull("Threshold") ? Optional.of(trigger.get("Threshold").asDouble()) : Optional.empty(),
                text(trigger, "ComparisonOperator"), evaluationPeriods,
                trigger.hasNonNull("DatapointsToAlarm") ? trigger.get("DatapointsToAlarm").asInt() : evaluationPeriods,
                trigger.path("Period").asInt(60), mathMetrics(trigger), band);
        return new CloudWatchAlarmMessage(required(root, "AlarmName"), text(root, "AlarmArn"), text(root, "AlarmDescription"),
                state(root, "NewStateValue", true), state(root, "OldStateValue", false), text(root, "NewStateReason"),
                time(required(root, "StateChangeTime")), text(root, "Region"), text(root, "AWSAccountId"), t,
                text(root, "AlarmRule"));
    }

    private static List<MetricId> mathMetrics(JsonNode trigger) {
        List<MetricId> out = new java.util.ArrayList<>();
        for (JsonNode m : trigger.path("Metrics")) {
            JsonNode metric = m.path("MetricStat").path("Metric");
            String namespace = text(metric, "Namespace");
            String name = text(metric, "MetricName");
            if (namespace == null || name == null) {
                continue; // an expression, not a metric
            }
            out.add(MetricId.of(namespace, name, dimensions(metric.path("Dimensions"))));
        }
        return out;
    }

    /** Dimensions as name → value: lower-case keys in SNS messages, upper case in the API; both are read. */
    private static Map<String, String> dimensions(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode d : list) {
            out.put(d.has("name") ? d.path("name").asText() : d.path("Name").asText(),
                    d.has("value") ? d.path("value").asText() : d.path("Value").asText());
        }
        return out;
    }

    private static State state(JsonNode root, String field, boolean required) {
        String value = required ? required(root, field) : text(root, field);
        if (value == null) {
            return null;
        }
        try {
            return State.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not ALARM, OK or INSUFFICIENT_DATA");
        }
    }

    static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value, CLOUDWATCH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("StateChangeTime: '" + value + "' is not a time");
            }
        }
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
