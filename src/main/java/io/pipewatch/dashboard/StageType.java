package io.pipewatch.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** The kinds of pipeline stage a dashboard can show, spelled as in {@code dashboards/*.yaml}. */
public enum StageType {
    KINESIS_STREAM("kinesis-stream", "Kinesis stream", "AWS/Kinesis", "IncomingRecords", "StreamName", "kinesis:stream"),
    LAMBDA("lambda", "Lambda function", "AWS/Lambda", "Invocations", "FunctionName", "lambda:function"),
    DYNAMODB_TABLE("dynamodb-table", "DynamoDB table", "AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName",
            "dynamodb:table"),
    /** Tailed streams are configured ({@code pipewatch.streams.tables}), so they are not discovered. */
    DYNAMODB_STREAM("dynamodb-stream", "DynamoDB Stream (saturation measured by Pipewatch)", null, null, null, null),
    /** The namespace is the stage's own ({@code namespace:}). */
    LATE_LOGS("late-logs", "Late logs (custom metric)", null, "LateLogCount", "Function", "lambda:function");

    private final String spelling;
    private final String description;
    private final String namespace;
    private final String probeMetric;
    private final String dimension;
    private final String resourceType;

    StageType(String spelling, String description, String namespace, String probeMetric, String dimension,
            String resourceType) {
        this.spelling = spelling;
        this.description = description;
        this.namespace = namespace;
        this.probeMetric = probeMetric;
        this.dimension = dimension;
        this.resourceType = resourceType;
    }

    boolean discoverable() {
        return dimension != null;
    }

    /** Finds the resources of this type by a name prefix (the metric they all publish) or by tags. */
    ResourceDiscovery.Query discovery(String prefix, Map<String, String> tags, String customNamespace) {
        return new ResourceDiscovery.Query(namespace != null ? namespace : customNamespace, probeMetric, dimension,
                resourceType, prefix, tags);
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String spelling() {
        return spelling;
    }

    public String description() {
        return description;
    }

    public static Map<String, StageType> spellings() {
        Map<String, StageType> out = new LinkedHashMap<>();
        for (StageType t : values()) {
            out.put(t.spelling, t);
        }
        return out;
    }
}
