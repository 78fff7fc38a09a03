package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.config.DefinitionProblems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A corpus of broken alarm files, each with the exact line it must produce. */
import io.pipewatch.signal.KnownMetrics;
import io.pipewatch.signal.SignalPoller;
import io.pipewatch.signal.StreamMetrics;

class AlarmLoaderTest {

    private static final String VALID = """
            alarms:
              - name: Errors high
                summary: The function fails.
                metric:
                  namespace: AWS/Lambda
                  name: Errors
                  dimensions: {FunctionName: f}
                statistic: Sum
                period: 60
                comparison: ">"
                threshold: 0
                evaluation_periods: 3
                datapoints_to_alarm: 2
                runbook: https://runbooks.example.com/errors
            """;

    @TempDir
    Path dir;

    @Test
    void readsAValidAlarm() throws IOException {
        var alarms = load(VALID);
        assertEquals(1, alarms.size());
        var a = alarms.get(0);
        assertEquals("errors-high", a.id());
        assertEquals(Duration.ofSeconds(60), a.period());
        assertEquals(new EvaluationCriteria(Comparison.GreaterThanThreshold, 0, 3, 2, TreatMissingData.MISSING),
                a.criteria());
        assertEquals(Severity.WARNING, a.severity());
        assertEquals("Sum Errors > 0 for 2 of 3 × 60s", a.condition());
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("unknown key", VALID.replace("    runbook:", "    colour: red\n    runbook:"),
                        List.of("a.yaml:14:5: alarms[0].colour: unknown key")),
                Arguments.of("a period CloudWatch refuses", VALID.replace("period: 60", "period: 45s"),
                        List.of("a.yaml:9:5: alarms[0].period: 45s is refused by CloudWatch: use 10, 20, 30 or a multiple of 60 seconds")),
                Arguments.of("an evaluation span CloudWatch refuses", VALID.replace("period: 60", "period: 300s")
                                .replace("evaluation_periods: 3", "evaluation_periods: 300"),
                        List.of("a.yaml:12:5: alarms[0].evaluation_periods: 300 × 300s is refused by CloudWatch: period ×"
                                + " evaluation_periods must be at most 1 day (periods under 1 hour) or 7 days")),
                Arguments.of("M greater than N", VALID.replace("datapoints_to_alarm: 2", "datapoints_to_alarm: 4"),
                        List.of("a.yaml:13:5: alarms[0].datapoints_to_alarm: 4 must be between 1 and evaluation_periods (3)")),
                Arguments.of("missing runbook", VALID.replace("    runbook: https://runbooks.example.com/errors\n", ""),
                        List.of("a.yaml:2:5: alarms[0].runbook: is required")),
                Arguments.of("a runbook that is not a link", VALID.replace("https://runbooks.example.com/errors", "see wiki"),
                        List.of("a.yaml:14:5: alarms[0].runbook: 'see wiki' must be an http(s) URL or a path starting with /")),
                Arguments.of("an unknown statistic", VALID.replace("statistic: Sum", "statistic: Total"),
                        List.of("a.yaml:8:5: alarms[0].statistic: 'Total' is not a CloudWatch statistic (Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p99)")),
                Arguments.of("an unknown comparison", VALID.replace("comparison: \">\"", "comparison: above"),
                        List.of("a.yaml:10:5: alarms[0].comparison: 'above' is not one of >, >=, <, <=, GreaterThanThreshold, GreaterThanOrEqualToThreshold, LessThanThreshold, LessThanOrEqualToThreshold")),
                Arguments.of("a threshold that is not a number", VALID.replace("threshold: 0", "threshold: zero"),
                        List.of("a.yaml:11:5: alarms[0].threshold: 'zero' is not a number")),
                Arguments.of("an unknown metric key", VALID.replace("      name: Errors", "      metric: Errors"),
                        List.of("a.yaml:5:7: alarms[0].metric.name: is required",
                        "a.yaml:6:7: alarms[0].metric.metric: unknown key")),
                Arguments.of("a misspelt AWS metric", VALID.replace("name: Errors", "name: Erors"),
                        List.of("a.yaml:6:7: alarms[0].metric.name: 'Erors' is not a metric of AWS/Lambda; did you mean Errors?")),
                Arguments.of("a metric name in the wrong case", VALID.replace("name: Errors", "name: errors"),
                        List.of("a.yaml:6:7: alarms[0].metric.name: 'errors' is not a metric of AWS/Lambda; did you mean Errors?")),
                Arguments.of("a misspelt namespace", VALID.replace("AWS/Lambda", "AWS/Lamda"),
                        List.of("a.yaml:5:7: alarms[0].metric.namespace: 'AWS/Lamda' is not a CloudWatch namespace Pipewatch knows; did you mean AWS/Lambda?")),
                Arguments.of("a misspelt dimension", VALID.replace("FunctionName: f", "Functionname: f"),
                        List.of("a.yaml:7:7: alarms[0].metric.dimensions: 'Functionname' is not a dimension of AWS/Lambda; did you mean FunctionName?")),
                Arguments.of("a Pipewatch metric that does not exist",
                        VALID.replace("AWS/Lambda", "Pipewatch/Streams").replace("FunctionName", "TableName"),
                        List.of("a.yaml:6:7: alarms[0].metric.name: 'Errors' is not a metric of Pipewatch/Streams: use one of ReadLag, RecordAge, RecordsOverThreshold, RecordsRead, TimestampErrors")),
                Arguments.of("negative flap damping", VALID.replace("    runbook:", "    keep_firing_for: -1\n    runbook:"),
                        List.of("a.yaml:14:5: alarms[0].keep_firing_for: must be 0 or more periods")),
                Arguments.of("flap damping CloudWatch cannot do", VALID.replace("    runbook:",
                                "    keep_firing_for: 2\n    evaluated_by: cloudwatch\n    runbook:"),
                        List.of("a.yaml:14:5: alarms[0].keep_firing_for: CloudWatch cannot keep an alarm firing: use evaluated_by: pipewatch, or remove it")),
                Arguments.of("bad YAML", "alarms:\n  - name: [unclosed\n",
                        List.of("a.yaml:3:1: (syntax): expected ',' or ']', but got <stream end>")),
                Arguments.of("not a mapping", "- just a list\n", List.of("a.yaml:1:1: (document): expected a mapping of keys to values")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void reportsFileLineColumnAndKey(String name, String yaml, List<String> expected) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), yaml);
        var problems = new DefinitionProblems();
        new AlarmLoader().load(dir, problems);
        assertEquals(expected.stream().map(e -> dir + "/" + e).toList(),
                problems.all().stream().map(Object::toString).toList());
    }

    private static final String RATE = """
            alarms:
              - name: Error rate
                summary: Too many invocations fail.
                expression: 100 * errors / invocations
                metrics:
                  errors: {namespace: AWS/Lambda, name: Errors, dimensions: {FunctionName: f}, statistic: Sum}
                  invocations: {namespace: AWS/Lambda, name: Invocations, dimensions: {FunctionName: f}, statistic: Sum}
                period: 60
                comparison: ">"
                threshold: 10
                runbook: /runbooks/errors
            """;

    @Test
    void readsAnExpressionAlarm() throws IOException {
        var a = load(RATE).get(0);
        assertEquals(List.of("errors", "invocations"), a.inputs().stream().map(AlarmInput::id).toList());
        assertEquals("100 * Errors / Invocations > 10 for 1 of 1 × 60s", a.condition(), "read with the metrics' names");
        assertEquals("f", a.resource());
    }

    @Test
    void anExpressionOverTwoMetricsOfOneNameKeepsItsIds() throws IOException {
        var a = load(RATE.replace("name: Invocations, dimensions: {FunctionName: f}", "name: Errors, dimensions: {FunctionName: g}")
                .replace("errors / invocations", "errors_f / errors_g").replace("errors: {", "errors_f: {")
                .replace("invocations: {", "errors_g: {")).get(0);
        assertEquals("100 * errors_f / errors_g > 10 for 1 of 1 × 60s", a.condition(), "two 'Errors' would not tell which is which");
    }

    static Stream<Arguments> brokenExpressions() {
        return Stream.of(
                Arguments.of(RATE.replace("100 * errors / invocations", "100 * errors / calls"),
                        List.of("a.yaml:4:5: alarms[0].expression: uses calls, not defined under metrics")),
                Arguments.of(RATE.replace("100 * errors / invocations", "100 * (errors"),
                        List.of("a.yaml:4:5: alarms[0].expression: missing ')' at column 14")),
                Arguments.of(RATE.replace("      errors: {", "      Errors: {").replace("100 * errors", "100 * Errors"),
                        List.of("a.yaml:6:7: alarms[0].metrics.Errors: metric ids start with a lower-case letter and hold letters, digits and _")),
                Arguments.of(RATE.replace("    period: 60", "    statistic: Sum\n    period: 60"),
                        List.of("a.yaml:8:5: alarms[0].statistic: cannot be used with expression: name each metric under metrics, with its statistic")),
                Arguments.of(RATE.replace("dimensions: {FunctionName: f}, statistic: Sum}\n      invocations", "dimensions: {FunctionName: f}}\n      invocations"),
                        List.of("a.yaml:6:15: alarms[0].metrics.errors.statistic: is required")));
    }

    @ParameterizedTest
    @MethodSource("brokenExpressions")
    void reportsExpressionProblems(String yaml, List<String> expected) throws IOException {
        reportsFileLineColumnAndKey("expression", yaml, expected);
    }

    private static final String BAND = VALID.replace("comparison: \">\"", "comparison: GreaterThanUpperThreshold")
            .replace("threshold: 0", "anomaly_band: 2");

    @Test
    void readsAnAnomalyDetectionAlarm() throws IOException {
        var a = load(BAND).get(0);
        assertEquals(new EvaluationCriteria(Comparison.GreaterThanUpperThreshold, 2, 3, 2, TreatMissingData.MISSING), a.criteria());
        assertEquals("Sum Errors above the band (band width 2) for 2 of 3 × 60s", a.condition());
        assertTrue(Double.isNaN(a.threshold()), "no fixed threshold to show");
        assertEquals(List.of("AWS/Lambda Errors{FunctionName=f}:Sum", "AWS/Lambda Errors{FunctionName=f}:Sum:band_lower:2",
                "AWS/Lambda Errors{FunctionName=f}:Sum:band_upper:2"), a.seriesKeys().stream().map(Object::toString).toList(),
                "the band is polled with the metric");
    }

    @Test
    void readsTheLowSampleRuleOfAPercentileAlarm() throws IOException {
        var ignore = load(VALID.replace("statistic: Sum", "statistic: p99")
                .replace("    runbook:", "    evaluate_low_sample_count_percentile: ignore\n    runbook:")).get(0);
        assertEquals(1000, ignore.criteria().minimumSamples());
        assertEquals(java.util.Optional.of(LowSampleCount.IGNORE), ignore.lowSampleCount());
        assertTrue(ignore.seriesKeys().stream().anyMatch(k -> k.toString().equals("AWS/Lambda Errors{FunctionName=f}:SampleCount")));
        var evaluate = load(VALID.replace("statistic: Sum", "statistic: p99")
                .replace("    runbook:", "    evaluate_low_sample_count_percentile: evaluate\n    runbook:")).get(0);
        assertEquals(0, evaluate.criteria().minimumSamples(), "evaluate judges every period");
        assertEquals(1, evaluate.seriesKeys().size(), "no sample counts polled when they decide nothing");
    }

    static Stream<Arguments> brokenBands() {
        return Stream.of(
                Arguments.of(BAND.replace("anomaly_band: 2", "anomaly_band: 2\n    threshold: 5"),
                        List.of("a.yaml:12:5: alarms[0].threshold: cannot be used with anomaly_band: the band is the threshold")),
                Arguments.of(BAND.replace("anomaly_band: 2", "anomaly_band: 0"),
                        List.of("a.yaml:11:5: alarms[0].anomaly_band: 0 must be a band width above 0 (2 is CloudWatch's default)")),
                Arguments.of(BAND.replace("GreaterThanUpperThreshold", "\">\""),
                        List.of("a.yaml:10:5: alarms[0].comparison: '>' compares with a threshold; with anomaly_band use"
                                + " LessThanLowerOrGreaterThanUpperThreshold, GreaterThanUpperThreshold, LessThanLowerThreshold")),
                Arguments.of(VALID.replace("comparison: \">\"", "comparison: LessThanLowerThreshold"),
                        List.of("a.yaml:10:5: alarms[0].comparison: LessThanLowerThreshold compares with an anomaly detection band:"
                                + " give anomaly_band: K (the band width in standard deviations, e.g. 2) instead of threshold")),
                Arguments.of(BAND.replace("AWS/Lambda", "Pipewatch/Streams").replace("FunctionName", "TableName").replace("name: Errors", "name: ReadLag"),
                        List.of("a.yaml:11:5: alarms[0].anomaly_band: CloudWatch computes bands only for metrics it stores, not for Pipewatch's own series (Pipewatch/…)")),
                Arguments.of(VALID.replace("    runbook:", "    evaluate_low_sample_count_percentile: ignore\n    runbook:"),
                        List.of("a.yaml:14:5: alarms[0].evaluate_low_sample_count_percentile: applies only to an alarm on one"
                                + " metric's percentile between p0 and p100 (e.g. statistic: p99)")),
                Arguments.of(VALID.replace("statistic: Sum", "statistic: p99")
                                .replace("    runbook:", "    evaluate_low_sample_count_percentile: sometimes\n    runbook:"),
                        List.of("a.yaml:14:5: alarms[0].evaluate_low_sample_count_percentile: 'sometimes' is not one of evaluate, ignore")));
    }

    @ParameterizedTest
    @MethodSource("brokenBands")
    void reportsBandAndSampleProblems(String yaml, List<String> expected) throws IOException {
        reportsFileLineColumnAndKey("band", yaml, expected);
    }

    private static final String COMPOSITE = VALID + """
              - name: Errors and slow
                summary: Both at once.
                rule: ALARM("Errors high") AND NOT OK(slow)
                runbook: /runbooks/both
              - name: Slow
                summary: Slow.
                metric: {namespace: AWS/Lambda, name: Duration, dimensions: {FunctionName: f}}
                statistic: p99
                period: 60
                comparison: ">"
                threshold: 1000
                runbook: /runbooks/slow
            """;

    @Test
    void readsACompositeAfterTheAlarmsItNamesWithTheirMetrics() throws IOException {
        var alarms = load(COMPOSITE);
        assertEquals(List.of("errors-high", "slow", "errors-and-slow"), alarms.stream().map(AlarmDefinition::id).toList(),
                "children first: one pass evaluates them before the composite");
        var composite = alarms.get(2);
        assertEquals(List.of("errors-high", "slow"), composite.composite().orElseThrow().children(), "by name or by id");
        assertEquals(2, composite.metrics().size(), "what its children watch, to place it on their stage");
        assertEquals("f", composite.resource());
        assertEquals("composite: ALARM(\"Errors high\") AND NOT OK(slow)", composite.condition());
        assertTrue(composite.seriesKeys().isEmpty(), "it polls nothing itself");
        assertTrue(Double.isNaN(composite.threshold()));
    }

    static Stream<Arguments> brokenComposites() {
        return Stream.of(
                Arguments.of(COMPOSITE.replace("NOT OK(slow)", "NOT OK(fast)"),
                        List.of("a.yaml:17:5: alarms[1].rule: names 'fast', which is not an alarm in alarms/ (give its name or id)")),
                Arguments.of(COMPOSITE.replace("NOT OK(slow)", "NOT OK(errors-and-slow)"),
                        List.of("a.yaml:17:5: alarms[1].rule: leads back to 'Errors and slow' through errors-and-slow")),
                Arguments.of(COMPOSITE.replace("NOT OK(slow)", "NOT OK(slow"),
                        List.of("a.yaml:17:5: alarms[1].rule: expected ')' at column 37")),
                Arguments.of(COMPOSITE.replace("    rule: ALARM", "    threshold: 5\n    rule: ALARM"),
                        List.of("a.yaml:17:5: alarms[1].threshold: cannot be used with rule: a composite alarm's state comes from the alarms its rule names")),
                Arguments.of(COMPOSITE.replace("    runbook: /runbooks/both", "    runbook: /runbooks/both\n    evaluated_by: cloudwatch"),
                        List.of("a.yaml:17:5: alarms[1].rule: names 'Errors high', which only Pipewatch evaluates: CloudWatch cannot watch it",
                                "a.yaml:17:5: alarms[1].rule: names 'slow', which only Pipewatch evaluates: CloudWatch cannot watch it")));
    }

    @ParameterizedTest
    @MethodSource("brokenComposites")
    void reportsCompositeProblems(String yaml, List<String> expected) throws IOException {
        reportsFileLineColumnAndKey("composite", yaml, expected);
    }

    @Test
    void reportsEveryProblemOfEveryFileAtOnce() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), VALID.replace("period: 60", "period: 45s").replace("statistic: Sum", "statistic: Total"));
        Files.writeString(dir.resolve("b.yaml"), VALID);
        Files.writeString(dir.resolve("c.yaml"), VALID);
        var problems = new DefinitionProblems();
        new AlarmLoader().load(dir, problems);
        assertEquals(3, problems.all().size(), problems.report());
        assertTrue(problems.report().contains("c.yaml:2:5: alarms[0].name: 'Errors high' is already defined in"),
                problems.report());
    }

    @Test
    void acceptsAMetricThisListHasNotCaughtUpWithAndCustomNamespaces() throws IOException {
        assertEquals(1, load(VALID.replace("name: Errors", "name: SnapStartRestoreDuration")).size(),
                "far from every known name: a metric AWS added later, not a typo");
        assertEquals(1, load(VALID.replace("AWS/Lambda", "StoreTvAdLambdaMetrics").replace("name: Errors", "name: LateLogCount")).size());
    }

    @Test
    void everyStreamMetricPipewatchMeasuresIsKnown() {
        for (String metric : List.of(StreamMetrics.RECORD_AGE, StreamMetrics.RECORDS_OVER_THRESHOLD, StreamMetrics.RECORDS_READ,
                StreamMetrics.READ_LAG, StreamMetrics.TIMESTAMP_ERRORS)) {
            assertEquals(java.util.Optional.empty(), KnownMetrics.check(StreamMetrics.key("t", metric, "Sum").metric()), metric);
        }
        assertEquals(java.util.Optional.empty(), KnownMetrics.check(SignalPoller.pollFailedSeries("cloudwatch").metric()));
    }

    @Test
    void validatesPeriodsAsCloudWatchDoes() {
        for (long ok : new long[] {10, 20, 30, 60, 120, 300, 3600, 86400}) {
            assertTrue(AlarmLoader.validPeriod(Duration.ofSeconds(ok)), ok + "s");
        }
        for (long bad : new long[] {0, 5, 15, 40, 45, 90, 61}) {
            assertTrue(!AlarmLoader.validPeriod(Duration.ofSeconds(bad)), bad + "s");
        }
    }

    private List<AlarmDefinition> load(String yaml) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), yaml);
        var problems = new DefinitionProblems();
        var alarms = new AlarmLoader().load(dir, problems);
        assertTrue(problems.isEmpty(), problems.report());
        return alarms;
    }
}
