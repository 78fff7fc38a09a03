package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.CloudWatchFake;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** plan and apply with the real SDK client against the wire-level CloudWatch fake (Smithy RPC v2 CBOR). */
class PlanApplyIT {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:pipewatch-alarms";
    @TempDir
    Path dir;
    private final CloudWatchFake fake = new CloudWatchFake();
    private final CloudWatchClient client = fake.client();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private int alarms(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--topic-arn", TOPIC, "--public-url", "https://pipewatch.example.com"));
        if (args[0].equals("apply")) {
            all.addAll(List.of("--max-writes-per-second", "1000"));
        }
        return AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), fake::client, all.toArray(String[]::new));
    }

    @Test
    void planCreatesApplyDeploysAndASecondRunChangesNothing() {
        assertEquals(2, alarms("plan"), err.toString());
        assertTrue(out.toString().contains("+ create pipewatch-stream-consumers-falling-behind\n"), out.toString());
        assertTrue(out.toString().endsWith("Plan: 11 to create, 0 to update, 0 to delete.\n"),
                "the 11 cloudwatch alarms; the 2 pipewatch ones stay in the service: " + out);

        assertEquals(0, alarms("apply"), err.toString());
        assertTrue(out.toString().endsWith("Applied: 11 created, 0 updated, 0 deleted in 12 call(s).\n"), out.toString());
        var stored = fake.alarms();
        assertEquals(10, stored.size());
        var lag = stored.get("pipewatch-stream-consumers-falling-behind");
        assertEquals("GetRecords.IteratorAgeMilliseconds", lag.get("MetricName").asText());
        assertEquals("Maximum", lag.get("Statistic").asText());
        assertEquals(TOPIC, lag.get("AlarmActions").get(0).asText());
        assertEquals(TOPIC, lag.get("OKActions").get(0).asText(), "OK notifies too, so Slack hears the resolution");
        assertEquals("breaching", lag.get("TreatMissingData").asText());
        assertTrue(lag.get("AlarmDescription").asText().contains("\n\nRunbook: https://pipewatch.example.com/runbooks/iterator-age-high\n"),
                lag.get("AlarmDescription").asText());
        assertEquals("p99", stored.get("pipewatch-ingest-lambda-duration-near-timeout").get("ExtendedStatistic").asText());
        var rate = stored.get("pipewatch-ingest-lambda-error-rate").get("Metrics");
        assertEquals(List.of("errors", "invocations", "result"), List.of(rate.get(0).get("Id").asText(),
                rate.get(1).get("Id").asText(), rate.get(2).get("Id").asText()));
        assertEquals("100 * errors / invocations", rate.get(2).get("Expression").asText());
        assertEquals(true, rate.get(2).get("ReturnData").asBoolean());
        var put = fake.calls().stream().filter(c -> c.operation().equals("PutMetricAlarm")).findFirst().orElseThrow();
        assertEquals("ManagedBy", put.input().get("Tags").get(0).get("Key").asText());

        int before = fake.calls().size();
        assertEquals(0, alarms("plan"), out.toString());
        assertTrue(out.toString().endsWith("Plan: 0 to create, 0 to update, 0 to delete.\n"), out.toString());
        assertEquals(0, alarms("apply"));
        assertEquals(List.of("DescribeAlarms", "DescribeAlarms"),
                fake.calls().subList(before, fake.calls().size()).stream().map(CloudWatchFake.Call::operation).toList(),
                "idempotent: the second apply only reads");
    }

    @Test
    void updatesShowEachChangedFieldAndOnlyOwnedAlarmsAreDeleted() throws IOException {
        assertEquals(0, alarms("apply"));
        client.putMetricAlarm(r -> r.alarmName("pipewatch-retired").metricName("Errors").namespace("AWS/Lambda")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        client.putMetricAlarm(r -> r.alarmName("someone-elses-alarm").metricName("Errors").namespace("AWS/Lambda")
                .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        Files.createDirectories(dir.resolve("alarms"));
        Files.writeString(dir.resolve("alarms/demo-pipeline.yaml"), Files.readString(Path.of("alarms/demo-pipeline.yaml"))
                .replace("threshold: 30000", "threshold: 20000").replace("evaluation_periods: 3\n    datapoints_to_alarm: 2\n    treat_missing_data: notBreaching\n    evaluated_by: cloudwatch\n    runbook: /runbooks/lambda-throttles",
                        "evaluation_periods: 5\n    datapoints_to_alarm: 3\n    treat_missing_data: notBreaching\n    evaluated_by: cloudwatch\n    runbook: /runbooks/lambda-throttles"));
        Files.copy(Path.of("alarms/kinesis-limits.yaml"), dir.resolve("alarms/kinesis-limits.yaml"));
        String alarmsDir = dir.resolve("alarms").toString();

        assertEquals(2, alarms("plan", "--alarms-dir", alarmsDir), err.toString());
        assertEquals(String.join("\n",
                "~ update pipewatch-stream-consumers-falling-behind",
                "    condition: GreaterThanThreshold 30000 → GreaterThanThreshold 20000",
                "~ update pipewatch-ingest-lambda-throttled",
                "    datapoints: 2 of 3 → 3 of 5",
                "- delete pipewatch-retired",
                "Plan: 0 to create, 2 to update, 1 to delete.", ""), out.toString());
        assertEquals(0, alarms("apply", "--alarms-dir", alarmsDir));
        assertEquals(20000.0, fake.alarms().get("pipewatch-stream-consumers-falling-behind").get("Threshold").asDouble());
        assertTrue(fake.alarms().containsKey("someone-elses-alarm"), "an alarm without the prefix is never touched");
        assertTrue(!fake.alarms().containsKey("pipewatch-retired"));
        assertEquals(0, alarms("plan", "--alarms-dir", alarmsDir));
    }

    @Test
    void aThrottledApplyStopsWithOneLineAndTheNextRunFinishesTheRest() {
        fake.failNext(CloudWatchFake.OK); // DescribeAlarms
        fake.failNext(CloudWatchFake.OK); // first PutMetricAlarm
        fake.failNext(new CloudWatchFake.Failure(400, "Throttling"));
        assertEquals(1, alarms("apply"));
        assertTrue(err.toString().startsWith("CloudWatch PutMetricAlarm pipewatch-"), err.toString());
        assertTrue(err.toString().contains("(run apply again: it only does what is left)"), err.toString());
        assertEquals(1, fake.alarms().size());
        assertEquals(0, alarms("apply"));
        assertTrue(out.toString().contains("Plan: 10 to create, 0 to update, 0 to delete."), out.toString());
        assertEquals(10, fake.alarms().size());
    }

    @Test
    void describeAlarmsIsPagedAtTheApisMaximum() {
        for (int i = 0; i < 250; i++) {
            String name = String.format("pipewatch-old-%03d", i);
            client.putMetricAlarm(r -> r.alarmName(name).metricName("Errors").namespace("AWS/Lambda")
                    .statistic("Sum").period(60).evaluationPeriods(1).threshold(1.0).comparisonOperator("GreaterThanThreshold"));
        }
        int before = fake.calls().size();
        assertEquals(2, alarms("plan"));
        var describes = fake.calls().subList(before, fake.calls().size());
        assertEquals(3, describes.size(), "⌈250 / 100⌉ pages");
        describes.forEach(c -> {
            assertEquals(100, c.input().get("MaxRecords").asInt());
            assertEquals("pipewatch-", c.input().get("AlarmNamePrefix").asText());
        });
        assertTrue(out.toString().contains("Plan: 11 to create, 0 to update, 250 to delete."), out.toString());
    }

    @Test
    void planAndApplyRefuseToGuessWhereAlarmsNotify() {
        assertEquals(1, AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), fake::client, "apply"));
        assertTrue(err.toString().startsWith("set --topic-arn (or PIPEWATCH_ALARMS_TOPIC_ARN)"), err.toString());
        assertEquals(0, fake.alarms().size(), "nothing applied");
    }

    @Test
    void anExpressionKeepsItsOwnIdWhenAMetricIsCalledResult() throws IOException {
        Files.writeString(dir.resolve("r.yaml"), """
                alarms:
                  - name: Ratio
                    summary: s
                    expression: result / total
                    metrics:
                      result: {namespace: AWS/Lambda, name: Errors, dimensions: {FunctionName: f}, statistic: Sum}
                      total: {namespace: AWS/Lambda, name: Invocations, dimensions: {FunctionName: f}, statistic: Sum}
                    period: 60
                    comparison: ">"
                    threshold: 1
                    evaluated_by: cloudwatch
                    runbook: /runbooks/r
                """);
        assertEquals(0, alarms("apply", "--alarms-dir", dir.toString()), err.toString());
        var metrics = fake.alarms().get("pipewatch-ratio").get("Metrics");
        assertEquals("result1", metrics.get(2).get("Id").asText());
        assertEquals("result / total", metrics.get(2).get("Expression").asText());
    }

    @Test
    void anAnomalyBandAndALowSamplePercentileDeployAsCloudWatchWritesThem() throws IOException {
        Files.writeString(dir.resolve("b.yaml"), """
                alarms:
                  - name: Traffic unusual
                    summary: s
                    metric: {namespace: AWS/Kinesis, name: IncomingRecords, dimensions: {StreamName: s}}
                    statistic: Sum
                    period: 300
                    comparison: LessThanLowerOrGreaterThanUpperThreshold
                    anomaly_band: 2.5
                    evaluation_periods: 3
                    evaluated_by: cloudwatch
                    runbook: /runbooks/t
                  - name: Slow p99
                    summary: s
                    metric: {namespace: AWS/Lambda, name: Duration, dimensions: {FunctionName: f}}
                    statistic: p99
                    period: 60
                    comparison: ">"
                    threshold: 1000
                    evaluate_low_sample_count_percentile: ignore
                    evaluated_by: cloudwatch
                    runbook: /runbooks/p
                """);
        assertEquals(0, alarms("apply", "--alarms-dir", dir.toString()), err.toString());
        var band = fake.alarms().get("pipewatch-traffic-unusual");
        assertEquals("band", band.get("ThresholdMetricId").asText());
        assertEquals("LessThanLowerOrGreaterThanUpperThreshold", band.get("ComparisonOperator").asText());
        assertTrue(band.path("Threshold").isMissingNode(), "a band alarm has no fixed threshold: " + band);
        assertEquals("m1", band.get("Metrics").get(0).get("Id").asText());
        assertEquals("Sum", band.get("Metrics").get(0).get("MetricStat").get("Stat").asText());
        assertEquals(300, band.get("Metrics").get(0).get("MetricStat").get("Period").asInt());
        assertEquals("ANOMALY_DETECTION_BAND(m1, 2.5)", band.get("Metrics").get(1).get("Expression").asText());
        assertTrue(band.get("Metrics").get(1).get("ReturnData").asBoolean());
        var p99 = fake.alarms().get("pipewatch-slow-p99");
        assertEquals("ignore", p99.get("EvaluateLowSampleCountPercentile").asText());
        assertEquals("p99", p99.get("ExtendedStatistic").asText());

        assertEquals(0, alarms("plan", "--alarms-dir", dir.toString()), err.toString());
        assertTrue(out.toString().endsWith("Plan: 0 to create, 0 to update, 0 to delete.\n"), "read back as written: " + out);
        Files.writeString(dir.resolve("b.yaml"), Files.readString(dir.resolve("b.yaml")).replace("ignore", "evaluate")
                .replace("anomaly_band: 2.5", "anomaly_band: 3"));
        assertEquals(2, alarms("plan", "--alarms-dir", dir.toString()), err.toString());
        assertTrue(out.toString().contains("    evaluate_low_sample_count_percentile: ignore → evaluate\n"), out.toString());
        assertTrue(out.toString().contains("ANOMALY_DETECTION_BAND(m1, 2.5) → "), out.toString());
    }

    @Test
    void aCompositeIsWrittenAfterItsChildrenReadBackUnchangedAndDeletedBeforeThem() throws IOException {
        Files.writeString(dir.resolve("c.yaml"), """
                alarms:
                  - name: Both
                    summary: s
                    rule: ALARM(errors) AND NOT OK("Slow")
                    evaluated_by: cloudwatch
                    runbook: /runbooks/b
                  - name: Errors
                    summary: s
                    metric: {namespace: AWS/Lambda, name: Errors, dimensions: {FunctionName: f}}
                    statistic: Sum
                    period: 60
                    comparison: ">"
                    threshold: 0
                    evaluated_by: cloudwatch
                    runbook: /runbooks/e
                  - name: Slow
                    summary: s
                    metric: {namespace: AWS/Lambda, name: Duration, dimensions: {FunctionName: f}}
                    statistic: p99
                    period: 60
                    comparison: ">"
                    threshold: 1000
                    evaluated_by: cloudwatch
                    runbook: /runbooks/s
                """);
        assertEquals(0, alarms("apply", "--alarms-dir", dir.toString()), err.toString());
        var writes = fake.calls().stream().map(CloudWatchFake.Call::operation).filter(o -> o.startsWith("Put")).toList();
        assertEquals(List.of("PutMetricAlarm", "PutMetricAlarm", "PutCompositeAlarm"), writes,
                "the composite last: CloudWatch refuses a rule naming an alarm that does not exist yet");
        assertEquals("ALARM(\"pipewatch-errors\") AND NOT OK(\"pipewatch-slow\")",
                fake.composites().get("pipewatch-both").get("AlarmRule").asText(), "children by their deployed names");
        assertEquals(TOPIC, fake.composites().get("pipewatch-both").get("AlarmActions").get(0).asText());

        assertEquals(0, alarms("plan", "--alarms-dir", dir.toString()), err.toString());
        assertTrue(out.toString().endsWith("Plan: 0 to create, 0 to update, 0 to delete.\n"), "read back as written: " + out);

        Files.writeString(dir.resolve("c.yaml"), Files.readString(dir.resolve("c.yaml")).replace("NOT OK(\"Slow\")", "TRUE"));
        assertEquals(2, alarms("plan", "--alarms-dir", dir.toString()), err.toString());
        assertTrue(out.toString().contains("~ update pipewatch-both\n    rule: ALARM(\"pipewatch-errors\") AND NOT OK(\"pipewatch-slow\")"
                + " → ALARM(\"pipewatch-errors\") AND TRUE\n"), out.toString());

        Files.delete(dir.resolve("c.yaml"));
        Files.writeString(dir.resolve("none.yaml"), "alarms: []\n");
        assertEquals(0, alarms("apply", "--alarms-dir", dir.toString()), err.toString());
        assertTrue(out.toString().contains("- delete pipewatch-both\n- delete pipewatch-errors\n- delete pipewatch-slow\n"), out.toString());
        assertTrue(fake.alarms().isEmpty() && fake.composites().isEmpty(), "the fake, like CloudWatch, refuses to delete a named child first");
    }

    @Test
    void missingRegionIsOneLine() {
        int code = AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true),
                () -> CloudWatchClient.builder().region(null).build(), "plan", "--no-actions");
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("no AWS region configured: set AWS_REGION"), err.toString());
    }
}
