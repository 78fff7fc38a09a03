package io.pipewatch.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an alarm is evaluated: {@code cloudwatch} alarms are deployed by {@code alarms apply} as
 * CloudWatch alarms notifying SNS; {@code pipewatch} alarms (stream saturation, Pipewatch's own
 * health) exist only in the service. The service evaluates both, so every alarm's state shows
 * beside its charts.
 */
public enum EvaluatedBy {
    CLOUDWATCH("cloudwatch"), PIPEWATCH("pipewatch");

    private final String spelling;

    EvaluatedBy(String spelling) {
        this.spelling = spelling;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String spelling() {
        return spelling;
    }

    public static Map<String, EvaluatedBy> spellings() {
        Map<String, EvaluatedBy> out = new LinkedHashMap<>();
        for (EvaluatedBy e : values()) {
            out.put(e.spelling, e);
        }
        return out;
    }
}
