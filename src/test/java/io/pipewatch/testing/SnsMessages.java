package io.pipewatch.testing;

import java.time.Instant;

/** CloudWatch's alarm state change as SNS carries it, quirks included (lower-case dimension keys, SUM, +0000). */
public final class SnsMessages {

    /** The topic the test profile allows. */
    public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:pipewatch-alarms";

    private SnsMessages() {
    }

    /** The alert id Pipewatch gives the alarm of that name in the test account and region. */
    public static String alertId(String name) {
        return io.pipewatch.alert.CloudWatchAlarms.idOf("arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name, name);
    }

    public static String alarm(String name, String state, String old, Instant at) {
        return alarm(name, "AWS/Lambda", state, old, at);
    }

    public static String alarm(String name, String namespace, String state, String old, Instant at) {
        String time = at.toString().replace("Z", "").replaceAll("(\\.\\d{3})\\d*", "$1");
        if (!time.contains(".")) {
            time += ".000";
        }
        return """
                {"AlarmName":"%s","AlarmDescription":"Orders Lambda errors","AWSAccountId":"123456789012",
                 "AlarmConfigurationUpdatedTimestamp":"2026-12-01T10:00:00.000+0000",
                 "NewStateValue":"%s","NewStateReason":"Threshold Crossed: 1 datapoint [7.0 (03/12/26 07:50:00)] was greater than the threshold (5.0).",
                 "StateChangeTime":"%s+0000","Region":"US East (N. Virginia)",
                 "AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:%s","OldStateValue":"%s",
                 "Trigger":{"MetricName":"Errors","Namespace":"%s","StatisticType":"Statistic","Statistic":"SUM",
                   "Unit":null,"Dimensions":[{"value":"orders","name":"FunctionName"}],"Period":60,"EvaluationPeriods":1,
                   "ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"TreatMissingData":"missing"}}
                """.formatted(name, state, time, name, old, namespace);
    }
}
