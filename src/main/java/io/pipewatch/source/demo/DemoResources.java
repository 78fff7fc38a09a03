package io.pipewatch.source.demo;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesKey;
import java.util.Map;

/**
 * The simulated pipeline's resources and the CloudWatch metrics it publishes, named as AWS names
 * them, so the demo's dashboards and alarms are the ones a real pipeline would use.
 */
final class DemoResources {

    static final String STREAM = "device-logs";
    static final String INGEST_FUNCTION = "ingest-impressions";
    static final String ROLLUP_FUNCTION = "rollup-hourly";
    static final String LATE_LOG_NAMESPACE = "StoreTvAdLambdaMetrics";
    static final String LATE_LOG_FUNCTION = "monitor-late-data";

    private DemoResources() {
    }

    static SeriesKey kinesis(String metric, String statistic) {
        return key("AWS/Kinesis", metric, Map.of("StreamName", STREAM), statistic);
    }

    static SeriesKey lambda(String function, String metric, String statistic) {
        return key("AWS/Lambda", metric, Map.of("FunctionName", function), statistic);
    }

    static SeriesKey table(String table, String metric, String statistic) {
        return key("AWS/DynamoDB", metric, Map.of("TableName", table), statistic);
    }

    static SeriesKey tableOperation(String table, String metric, String statistic) {
        return key("AWS/DynamoDB", metric, Map.of("TableName", table, "Operation", "UpdateItem"), statistic);
    }

    static SeriesKey lateLogs(String metric) {
        return key(LATE_LOG_NAMESPACE, metric, Map.of("Function", LATE_LOG_FUNCTION), "Sum");
    }

    private static SeriesKey key(String namespace, String metric, Map<String, String> dimensions, String statistic) {
        return new SeriesKey(MetricId.of(namespace, metric, dimensions), statistic);
    }
}
