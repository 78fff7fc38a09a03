package io.pipewatch.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/** The kinds of pipeline stage a dashboard can show, spelled as in {@code dashboards/*.yaml}. */
public enum StageType {
    KINESIS_STREAM("kinesis-stream", "Kinesis stream"),
    LAMBDA("lambda", "Lambda function"),
    DYNAMODB_TABLE("dynamodb-table", "DynamoDB table"),
    DYNAMODB_STREAM("dynamodb-stream", "DynamoDB Stream (saturation measured by Pipewatch)"),
    LATE_LOGS("late-logs", "Late logs (custom metric)");

    private final String spelling;
    private final String description;

    StageType(String spelling, String description) {
        this.spelling = spelling;
        this.description = description;
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
