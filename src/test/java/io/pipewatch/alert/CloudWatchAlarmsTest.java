package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.rule.AlarmCatalog;
import io.pipewatch.rule.Verdict;
import io.pipewatch.signal.SeriesDemand;
import io.pipewatch.source.sns.CloudWatchAlarmMessage;
import io.pipewatch.testing.SnsMessages;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CloudWatch's alarm JSON as SNS delivers it, quirks included, and the alerts Pipewatch makes of it. What the
 * receiver refuses to read, and how it spells statistics, is in {@code source.sns.CloudWatchAlarmMessageTest}.
 */
class CloudWatchAlarmsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-03T07:50:00.123Z");

    @Test
    void readsTheQuirksOfTheMessage() {
        var m = CloudWatchAlarmMessage.parse(SnsMessages.alarm("orders-errors", "ALARM", "OK", AT), JSON);
        assertEquals(AT, m.stateChangeTime(), "+0000 with milliseconds");
        assertEquals(Map.of("FunctionName", "orders"), m.trigger().dimensions(), "lower-case name/value");
        assertEquals(1, m.trigger().datapointsToAlarm(), "absent: N");
        assertEquals("Sum Errors GreaterThanThreshold 5 for 1 of 1 × 60s", m.trigger().condition());
        assertEquals(7.0, CloudWatchAlarms.value(m), "the datapoint quoted in the reason");
        assertEquals(Verdict.ALARM, CloudWatchAlarms.verdict(m));
    }

    @Test
    void aMetricMathAlarmHasNoMetricNameOrNamespace() {
        String json = """
                {"AlarmName":"error-rate","NewStateValue":"OK","OldStateValue":"ALARM","NewStateReason":"Threshold Crossed: no datapoints",
                 "StateChangeTime":"2026-12-03T07:50:00.000+0000","AlarmArn":"arn:aws:cloudwatch:eu-west-1:1:alarm:error-rate",
                 "Trigger":{"Period":60,"EvaluationPeriods":3,"DatapointsToAlarm":2,"ComparisonOperator":"GreaterThanThreshold",
                   "Threshold":10.0,"Metrics":[{"Id":"e1","Expression":"100*m1/m2","ReturnData":true}]}}
                """;
        var m = CloudWatchAlarmMessage.parse(json, JSON);
        assertEquals("metric math GreaterThanThreshold 10 for 2 of 3 × 60s", m.trigger().condition());
        assertNull(CloudWatchAlarms.value(m));
        var alert = alarms().template(m);
        assertEquals("metric math", alert.resource());
        assertTrue(alert.runbook().startsWith("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/error-rate"));
    }

    @Test
    void theValueIsWhatTheReasonQuotesInEitherFormOrNoneAtAll() {
        assertEquals(5.0, CloudWatchAlarms.value(withReason("Threshold Crossed: 1 out of the last 1 datapoints [5.0 (03/12/26 07:49:00)]"
                + " was greater than the threshold (1.0)")));
        assertEquals(5.0, CloudWatchAlarms.value(withReason("Threshold Crossed: Sum 5.0 was greater than the threshold (1.0)")),
                "a statistic and its value");
        assertEquals(1.25E-4, CloudWatchAlarms.value(withReason("Threshold Crossed: p99 1.25E-4 was greater than 1.0E-4")));
        assertNull(CloudWatchAlarms.value(withReason("Threshold Crossed: no datapoints were received for 1 period and 1 missing"
                + " datapoint was treated as [Breaching].")), "no number in it: no value, not a leftover");
    }

    @Test
    void theConsoleLinkIsInTheRegionTheMessageNamesWhenThereIsNoArn() {
        String json = """
                {"AlarmName":"orders errors","NewStateValue":"ALARM","NewStateReason":"x","Region":"EU - Ireland",
                 "StateChangeTime":"2026-12-03T07:50:00.000+0000",
                 "Trigger":{"MetricName":"Errors","Namespace":"AWS/Lambda","Statistic":"SUM","Period":60,"EvaluationPeriods":1,
                   "ComparisonOperator":"GreaterThanThreshold","Threshold":1.0,"Dimensions":[]}}
                """;
        var alert = alarms().template(CloudWatchAlarmMessage.parse(json, JSON));
        assertTrue(alert.runbook().startsWith("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#"),
                alert.runbook());
        for (var region : Map.of("US East (N. Virginia)", "us-east-1", "Asia Pacific (Tokyo)", "ap-northeast-1",
                "Europe (Frankfurt)", "eu-central-1", "eu-west-2", "eu-west-2", "Nowhere (Atlantis)", "us-east-1").entrySet()) {
            assertEquals(region.getValue(), CloudWatchAlarms.regionCode(region.getKey()), region.getKey());
        }
    }

    @Test
    void aCompositeAlarmIsDescribedByItsRuleWithNoThresholdAndAMathAlarmByItsMetrics() throws Exception {
        String composite = """
                {"AlarmName":"checkout down","NewStateValue":"ALARM","NewStateReason":"arn:…:alarm:a transitioned to ALARM",
                 "StateChangeTime":"2026-12-03T07:50:00.000+0000","AlarmArn":"arn:aws:cloudwatch:eu-west-1:1:alarm:checkout down",
                 "AlarmRule":"ALARM(api-errors) AND NOT OK(db-latency)"}
                """;
        Alert alert = alarms().template(CloudWatchAlarmMessage.parse(composite, JSON));
        assertEquals("composite: ALARM(api-errors) AND NOT OK(db-latency)", alert.condition());
        assertEquals("composite alarm", alert.resource());
        assertEquals("", alert.thresholdText());
        var mapper = new ObjectMapper().findAndRegisterModules();
        var tree = mapper.readTree(mapper.writeValueAsString(alert));
        assertTrue(tree.get("threshold").isNull(), "null, not the string NaN: " + tree.get("threshold"));
        assertTrue(Double.isNaN(mapper.readValue(mapper.writeValueAsString(alert), Alert.class).threshold()), "and NaN again");

        String math = """
                {"AlarmName":"error-rate","NewStateValue":"ALARM","NewStateReason":"x","StateChangeTime":"2026-12-03T07:50:00.000+0000",
                 "Trigger":{"Period":60,"EvaluationPeriods":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":10.0,
                   "Metrics":[{"Id":"e1","Expression":"100*m1/m2","ReturnData":true},
                     {"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Errors",
                       "Dimensions":[{"value":"orders","name":"FunctionName"}]},"Period":60,"Stat":"Sum"},"ReturnData":false},
                     {"Id":"m2","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Invocations",
                       "Dimensions":[{"value":"orders","name":"FunctionName"}]},"Period":60,"Stat":"Sum"},"ReturnData":false}]}}
                """;
        Alert rate = alarms().template(CloudWatchAlarmMessage.parse(math, JSON));
        assertEquals("orders", rate.resource(), "the resource its metrics name, not 'metric math'");
        assertEquals("AWS/Lambda", rate.labels().get("namespace"));
        assertEquals("metric math over Errors, Invocations GreaterThanThreshold 10 for 1 of 1 × 60s", rate.condition());
        assertEquals(2, rate.subject().metrics().size());
    }

    @Test
    void anAnomalyDetectionAlarmNamesItsBandMetricAndUnit() {
        String json = """
                {"AlarmName":"traffic-unusual","NewStateValue":"ALARM","OldStateValue":"OK",
                 "NewStateReason":"Thresholds Crossed: 2 out of the last 3 datapoints [16500.0 (03/12/26 07:49:00), 16000.0 (03/12/26 07:47:00)] were not within the anomaly band",
                 "StateChangeTime":"2026-12-03T07:50:00.000+0000","Region":"EU (Ireland)",
                 "Trigger":{"Period":60,"EvaluationPeriods":3,"DatapointsToAlarm":2,
                   "ComparisonOperator":"LessThanLowerOrGreaterThanUpperThreshold","ThresholdMetricId":"ad1",
                   "Metrics":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/Lambda","MetricName":"Duration",
                       "Dimensions":[{"value":"orders","name":"FunctionName"}]},"Period":60,"Stat":"Average"},"ReturnData":true},
                     {"Id":"ad1","Expression":"ANOMALY_DETECTION_BAND(m1, 2)","Label":"Duration (expected)","ReturnData":true}]}}
                """;
        var m = CloudWatchAlarmMessage.parse(json, JSON);
        Alert alert = alarms().template(m);
        assertEquals("Average Duration LessThanLowerOrGreaterThanUpperThreshold ANOMALY_DETECTION_BAND(m1, 2) for 2 of 3 × 60s",
                alert.condition());
        assertEquals("orders", alert.resource());
        assertEquals(io.pipewatch.signal.Unit.MILLISECONDS, alert.subject().unit(), "the banded metric's unit");
        assertTrue(Double.isNaN(alert.threshold()), "no fixed threshold");
        assertEquals(16500.0, CloudWatchAlarms.value(m), "the newest datapoint the reason quotes");
    }

    /** One payload of each kind CloudWatch sends over SNS: the alert it makes, in one line, and the verdict. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyKindOfPayload() {
        String head = "{\"AlarmName\":\"x\",\"StateChangeTime\":\"2026-12-03T07:50:00.000+0000\",\"Region\":\"EU (Ireland)\",";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("metric", head + """
                        "NewStateValue":"ALARM","NewStateReason":"Threshold Crossed: 1 datapoint [7.0 (03/12/26 07:49:00)]",
                        "Trigger":{"MetricName":"Errors","Namespace":"AWS/Lambda","Statistic":"SUM","Period":60,"EvaluationPeriods":1,
                          "DatapointsToAlarm":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,
                          "Dimensions":[{"value":"orders","name":"FunctionName"}]}}""",
                        "Sum Errors GreaterThanThreshold 5 for 1 of 1 × 60s | orders | 7.0 | count", Verdict.ALARM),
                org.junit.jupiter.params.provider.Arguments.of("percentile", head + """
                        "NewStateValue":"ALARM","NewStateReason":"Threshold Crossed: 1 datapoint [14000.0 (03/12/26 07:49:00)]",
                        "Trigger":{"MetricName":"Duration","Namespace":"AWS/Lambda","ExtendedStatistic":"p99","Period":60,
                          "EvaluationPeriods":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":12000.0,
                          "EvaluateLowSampleCountPercentile":"ignore","Dimensions":[{"value":"orders","name":"FunctionName"}]}}""",
                        "p99 Duration GreaterThanThreshold 12000 for 1 of 1 × 60s | orders | 14000.0 | ms", Verdict.ALARM),
                org.junit.jupiter.params.provider.Arguments.of("OK, old format without DatapointsToAlarm", head + """
                        "NewStateValue":"OK","NewStateReason":"Threshold Crossed: 3 datapoints [1.0 (03/12/26 07:49:00)]",
                        "Trigger":{"MetricName":"Errors","Namespace":"AWS/Lambda","Statistic":"SUM","Period":60,"EvaluationPeriods":3,
                          "ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"Dimensions":[]}}""",
                        "Sum Errors GreaterThanThreshold 5 for 3 of 3 × 60s | AWS/Lambda | 1.0 | count", Verdict.OK),
                org.junit.jupiter.params.provider.Arguments.of("INSUFFICIENT_DATA", head + """
                        "NewStateValue":"INSUFFICIENT_DATA","NewStateReason":"Insufficient Data: 1 datapoint was unknown.",
                        "Trigger":{"MetricName":"IteratorAge","Namespace":"AWS/Lambda","Statistic":"MAXIMUM","Period":60,
                          "EvaluationPeriods":1,"ComparisonOperator":"GreaterThanThreshold","Threshold":30000.0,"Dimensions":[]}}""",
                        "Maximum IteratorAge GreaterThanThreshold 30000 for 1 of 1 × 60s | AWS/Lambda | null | ms",
                        Verdict.INSUFFICIENT_DATA),
                org.junit.jupiter.params.provider.Arguments.of("anomaly", head + """
                        "NewStateValue":"ALARM","NewStateReason":"Thresholds Crossed: [16500.0 (03/12/26 07:49:00)]",
                        "Trigger":{"Period":60,"EvaluationPeriods":1,"ComparisonOperator":"GreaterThanUpperThreshold",
                          "ThresholdMetricId":"ad1","Metrics":[{"Id":"ad1","Expression":"ANOMALY_DETECTION_BAND(m1, 3)","ReturnData":true},
                            {"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/Kinesis","MetricName":"IncomingRecords",
                              "Dimensions":[{"value":"s","name":"StreamName"}]},"Period":60,"Stat":"Sum"},"ReturnData":true}]}}""",
                        "Sum IncomingRecords GreaterThanUpperThreshold ANOMALY_DETECTION_BAND(m1, 3) for 1 of 1 × 60s | s | 16500.0 | count",
                        Verdict.ALARM),
                org.junit.jupiter.params.provider.Arguments.of("composite", head + """
                        "NewStateValue":"OK","NewStateReason":"a transitioned to OK","AlarmRule":"ALARM(a) OR ALARM(b)"}""",
                        "composite: ALARM(a) OR ALARM(b) | composite alarm | null | none", Verdict.OK));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("everyKindOfPayload")
    void readsEveryKindOfPayload(String kind, String json, String expected, Verdict verdict) {
        var m = CloudWatchAlarmMessage.parse(json, JSON);
        Alert alert = alarms().template(m);
        assertEquals(expected, alert.condition() + " | " + alert.resource() + " | " + CloudWatchAlarms.value(m) + " | "
                + alert.subject().unitOrNone().name().toLowerCase(java.util.Locale.ROOT).replace("milliseconds", "ms"));
        assertEquals(verdict, CloudWatchAlarms.verdict(m));
        assertTrue(alert.runbook().contains("region=eu-west-1"), "the display name's region: " + alert.runbook());
    }

    private static CloudWatchAlarmMessage withReason(String reason) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(SnsMessages.alarm("orders-errors", "ALARM", "OK", AT));
            tree.put("NewStateReason", reason);
            return CloudWatchAlarmMessage.parse(JSON.writeValueAsString(tree), JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAlarmPipewatchDeployedBecomesTheAlertOfItsDefinition() {
        var m = CloudWatchAlarmMessage.parse(SnsMessages.alarm("pipewatch-stream-consumers-falling-behind", "ALARM", "OK", AT), JSON);
        var alert = alarms().template(m);
        assertEquals("stream-consumers-falling-behind", alert.id());
        assertEquals("https://pipewatch.example.com/runbooks/iterator-age-high", alert.runbook());
        assertEquals("pipeline", alert.labels().get("team"));
        assertEquals("cloudwatch", alert.source());
    }

    @Test
    void alarmsWhoseNamesLookAlikeAreDifferentAlerts() {
        assertNotEquals(CloudWatchAlarms.idOf(null, "API 5xx"), CloudWatchAlarms.idOf(null, "api-5xx"));
        assertNotEquals(CloudWatchAlarms.idOf("arn:aws:cloudwatch:us-east-1:1:alarm:x", "x"),
                CloudWatchAlarms.idOf("arn:aws:cloudwatch:eu-west-1:1:alarm:x", "x"), "one name in two regions");
        assertTrue(CloudWatchAlarms.idOf(null, "Größe").matches("cloudwatch-gr-e-[0-9a-f]{8}"), CloudWatchAlarms.idOf(null, "Größe"));
        assertTrue(CloudWatchAlarms.idOf(null, "日本").matches("cloudwatch-[0-9a-f]{8}"));
    }

    private static CloudWatchAlarms alarms() {
        PipewatchConfig.Sns sns = (PipewatchConfig.Sns) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(),
                new Class<?>[] {PipewatchConfig.Sns.class}, (p, method, args) -> switch (method.getName()) {
                    case "alarmPrefix" -> "pipewatch-";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        PipewatchConfig config = (PipewatchConfig) Proxy.newProxyInstance(PipewatchConfig.class.getClassLoader(),
                new Class<?>[] {PipewatchConfig.class}, (p, method, args) -> switch (method.getName()) {
                    case "sns" -> sns;
                    case "publicUrl" -> "https://pipewatch.example.com";
                    case "alarmsDir" -> Path.of("alarms");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new CloudWatchAlarms(new AlarmCatalog(config, new SeriesDemand()), new AlertLinks(config), config);
    }
}
