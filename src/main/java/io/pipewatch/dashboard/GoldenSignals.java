package io.pipewatch.dashboard;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import io.pipewatch.signal.StreamMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides which CloudWatch metrics show each golden signal (latency, traffic, errors, saturation)
 * of each kind of stage — the table in DESIGN.md. A stage with no metric for a signal (a custom
 * late-log metric has no latency) gets no panel for it rather than an empty one.
 */
final class GoldenSignals {

    private GoldenSignals() {
    }

    static List<Panel> panels(StageType type, String resource, String namespace, Double timeoutMs,
            Double provisionedWcu, double saturationThresholdMs) {
        List<Panel> panels = new ArrayList<>();
        switch (type) {
            case KINESIS_STREAM -> {
                var m = new Metrics("AWS/Kinesis", Map.of("StreamName", resource));
                panels.add(panel("latency", "PutRecords latency", m.series("PutRecords.Latency", "Average", "avg", "ms")));
                panels.add(panel("traffic", "Incoming records", m.rate("IncomingRecords", "records/s")));
                panels.add(panel("errors", "Throughput exceeded",
                        m.rate("WriteProvisionedThroughputExceeded", "write", "records/s"),
                        m.rate("ReadProvisionedThroughputExceeded", "read", "records/s")));
                panels.add(panel("saturation", "Iterator age (consumer lag)",
                        m.series("GetRecords.IteratorAgeMilliseconds", "Maximum", "max", "ms")));
            }
            case LAMBDA -> {
                var m = new Metrics("AWS/Lambda", Map.of("FunctionName", resource));
                panels.add(new Panel("latency", "Duration", List.of(
                        m.series("Duration", "p50", "p50", "ms"),
                        m.series("Duration", "p90", "p90", "ms"),
                        m.series("Duration", "p99", "p99", "ms")), timeoutMs, timeoutMs == null ? null : "timeout"));
                panels.add(panel("traffic", "Invocations", m.rate("Invocations", "invocations/s")));
                // Rates, not counts: 50 errors is an outage at 60 invocations and noise at 60,000.
                panels.add(panel("errors", "Errors and throttles (% of invocations)",
                        m.percent("Errors", "Invocations", "errors"),
                        PanelSeries.math("100 * throttles / (invocations + throttles)", Map.of(
                                "throttles", m.key("Throttles", "Sum"), "invocations", m.key("Invocations", "Sum")),
                                "throttled", "%")));
                panels.add(panel("saturation", "Iterator age and concurrency",
                        m.series("IteratorAge", "Maximum", "iterator age", "ms"),
                        m.series("ConcurrentExecutions", "Maximum", "concurrency", "executions")));
            }
            case DYNAMODB_TABLE -> {
                var m = new Metrics("AWS/DynamoDB", Map.of("TableName", resource));
                var op = new Metrics("AWS/DynamoDB", Map.of("TableName", resource, "Operation", "UpdateItem"));
                panels.add(panel("latency", "UpdateItem latency", op.series("SuccessfulRequestLatency", "Average", "avg", "ms")));
                panels.add(panel("traffic", "Consumed write capacity", m.rate("ConsumedWriteCapacityUnits", "WCU/s")));
                panels.add(panel("errors", "Write throttle events", m.rate("WriteThrottleEvents", "events/s")));
                panels.add(new Panel("saturation", "Write capacity used",
                        List.of(m.rate("ConsumedWriteCapacityUnits", "consumed", "WCU/s")), provisionedWcu,
                        provisionedWcu == null ? null : "provisioned"));
            }
            case DYNAMODB_STREAM -> {
                var m = new Metrics(StreamMetrics.NAMESPACE, Map.of("TableName", resource));
                panels.add(panel("latency", "Pipewatch read lag (now − ApproximateCreationDateTime)",
                        m.series(StreamMetrics.READ_LAG, "Maximum", "max", "ms")));
                panels.add(panel("traffic", "Records read", m.rate(StreamMetrics.RECORDS_READ, "records/s")));
                panels.add(panel("errors", "Records over the threshold, unreadable timestamps",
                        m.rate(StreamMetrics.RECORDS_OVER_THRESHOLD, "over threshold", "records/s"),
                        m.rate(StreamMetrics.TIMESTAMP_ERRORS, "unreadable", "records/s")));
                panels.add(new Panel("saturation", "Record age (now − record timestamp)", List.of(
                        m.series(StreamMetrics.RECORD_AGE, "Maximum", "max", "ms"),
                        m.series(StreamMetrics.RECORD_AGE, "p99", "p99", "ms"),
                        m.series(StreamMetrics.RECORD_AGE, "p50", "p50", "ms")), saturationThresholdMs, "threshold"));
            }
            case LATE_LOGS -> {
                var m = new Metrics(namespace, Map.of("Function", resource));
                panels.add(panel("traffic", "Logs checked", m.rate("LogCount", "logs/s")));
                panels.add(panel("saturation", "Late logs (behind the median watermark)",
                        m.rate("LateLogCount", "late logs/s"), m.percent("LateLogCount", "LogCount", "% of logs")));
            }
        }
        return panels;
    }

    private static Panel panel(String signal, String title, PanelSeries... series) {
        return new Panel(signal, title, List.of(series), null, null);
    }

    private record Metrics(String namespace, Map<String, String> dimensions) {

        PanelSeries series(String metric, String statistic, String label, String unit) {
            return PanelSeries.of(key(metric, statistic), label, unit, false);
        }

        PanelSeries rate(String metric, String unit) {
            return rate(metric, metric, unit);
        }

        /** {@code 100 × part ÷ whole} per period, both summed: a percentage of a count. */
        PanelSeries percent(String part, String whole, String label) {
            return PanelSeries.math("100 * part / whole", Map.of("part", key(part, "Sum"), "whole", key(whole, "Sum")),
                    label, "%");
        }

        SeriesKey key(String metric, String statistic) {
            return new SeriesKey(MetricId.of(namespace, metric, dimensions), statistic);
        }

        PanelSeries rate(String metric, String label, String unit) {
            return PanelSeries.of(key(metric, "Sum"), label, unit, true);
        }
    }
}
