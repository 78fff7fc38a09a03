package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: output and exit status of {@code alarms validate} and {@code alarms test}. */
class AlarmsCommandTest {

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int alarms(String... args) {
        return AlarmsCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theShippedAlarmsAreValidAndEveryOneHasAPassingTest() {
        assertEquals(0, alarms("validate", "alarms"), err.toString());
        assertEquals(0, alarms("test"), out + "\n" + err);
        assertTrue(out.toString().contains(", 0 failed; every alarm is tested"), out.toString());
    }

    @Test
    void validateReportsEveryProblemAndExits2() throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), """
                alarms:
                  - name: Lag
                    summary: Behind.
                    metric: {namespace: AWS/Kinesis, name: GetRecords.IteratorAgeMiliseconds, dimensions: {StreamName: s}}
                    statistic: Maximum
                    period: 45s
                    comparison: ">"
                    threshold: 1
                    runbook: /runbooks/lag
                """);
        assertEquals(2, alarms("validate", dir.toString()));
        assertEquals(List.of(
                dir.resolve("broken.yaml") + ":4:38: alarms[0].metric.name: 'GetRecords.IteratorAgeMiliseconds' is not a metric"
                        + " of AWS/Kinesis; did you mean GetRecords.IteratorAgeMilliseconds?",
                dir.resolve("broken.yaml") + ":6:5: alarms[0].period: 45s is refused by CloudWatch: use 10, 20, 30 or a multiple of 60 seconds",
                "2 problem(s) in " + dir), err.toString().lines().toList());
    }

    @Test
    void aWrongExpectationFailsWithExpectedAgainstGotAndExits1() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("alarms/demo-pipeline.yaml"), dir.resolve("demo-pipeline.yaml"));
        Files.writeString(dir.resolve("tests/wrong.yaml"), """
                tests:
                  - name: a deliberately wrong expectation
                    alarm: late-logs-above-normal
                    series:
                      'StoreTvAdLambdaMetrics LateLogCount{Function=monitor-late-data}:Sum': 40 60 200 450 80
                    expect: {3m: FIRING, 4m: FIRING}
                """);
        assertEquals(1, alarms("test", "--alarms-dir", dir.toString()), out.toString());
        assertTrue(out.toString().contains("FAILED a deliberately wrong expectation\n"
                + "         at 3m: expected FIRING, got OK (0 of the last 1 datapoints breach (1 needed))\n"), out.toString());
        assertTrue(out.toString().contains("1 test(s), 1 failed; no test for: device-traffic-outside-its-usual-band, impressions-table-write-throttles,"), out.toString());
    }

    @Test
    void aTestMayStartFromAStateAndSpellStatesAsCloudWatchDoes() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("alarms/demo-pipeline.yaml"), dir.resolve("demo-pipeline.yaml"));
        Files.writeString(dir.resolve("tests/states.yaml"), """
                tests:
                  - name: a firing alarm whose data stops is INSUFFICIENT_DATA, as in CloudWatch
                    alarm: ingest-lambda-duration-near-timeout
                    initial_state: ALARM
                    series:
                      'AWS/Lambda Duration{FunctionName=ingest-impressions}:p99': _x5
                    expect: {30s: ALARM, 1m: INSUFFICIENT_DATA}
                  - name: from OK, a breach is ALARM
                    alarm: ingest-lambda-duration-near-timeout
                    initial_state: OK
                    series:
                      'AWS/Lambda Duration{FunctionName=ingest-impressions}:p99': 14000x3
                    expect: {30s: OK, 1m: FIRING, 2m: ALARM}
                """);
        assertEquals(0, alarms("test", "--alarms-dir", dir.toString()), out.toString());
        assertTrue(out.toString().contains("ok     a firing alarm whose data stops is INSUFFICIENT_DATA, as in CloudWatch\n"), out.toString());
        assertTrue(out.toString().contains("ok     from OK, a breach is ALARM\n"), out.toString());
        assertTrue(out.toString().contains("2 test(s), 0 failed; no test for:"), out.toString());
    }

    @Test
    void aCompositeIsTestedOfflineFromItsChildrensSeries() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("alarms/demo-pipeline.yaml"), dir.resolve("demo-pipeline.yaml"));
        // demo-pipeline.yaml ships the composite ingest-stalled: ALARM(stream-consumers-falling-behind) AND ALARM(ingest-lambda-duration-near-timeout)
        Files.writeString(dir.resolve("tests/stalled.yaml"), """
                tests:
                  - name: fires only while both children fire; either resolving resolves it
                    alarm: ingest-stalled
                    series:
                      'AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum': 1000 45000x3 1000
                      'AWS/Lambda Duration{FunctionName=ingest-impressions}:p99': 800x2 14000x3
                    expect: {1m: OK, 3m: OK, 4m: FIRING, 5m: ALARM, 6m: RESOLVED}
                  - name: a series no child reads is refused
                    alarm: ingest-stalled
                    series:
                      'AWS/Lambda Errors{FunctionName=ingest-impressions}:Sum': 1
                    expect: {1m: OK}
                """);
        assertEquals(2, alarms("test", "--alarms-dir", dir.toString()), out.toString() + err);
        assertTrue(err.toString().contains("series.AWS/Lambda Errors{FunctionName=ingest-impressions}:Sum: is not read by ingest-stalled;"
                + " it reads AWS/Kinesis GetRecords.IteratorAgeMilliseconds{StreamName=device-logs}:Maximum,"
                + " AWS/Lambda Duration{FunctionName=ingest-impressions}:p99"), err.toString());
        Files.writeString(dir.resolve("tests/stalled.yaml"), Files.readString(dir.resolve("tests/stalled.yaml"))
                .substring(0, Files.readString(dir.resolve("tests/stalled.yaml")).indexOf("  - name: a series no child")));
        assertEquals(0, alarms("test", "--alarms-dir", dir.toString(), dir.resolve("tests/stalled.yaml").toString()),
                out.toString() + err);
        assertTrue(out.toString().contains("ok     fires only while both children fire; either resolving resolves it\n"), out.toString());
    }

    @Test
    void aBrokenTestFileIsReportedByLineAndNothingRuns() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("alarms/demo-pipeline.yaml"), dir.resolve("demo-pipeline.yaml"));
        Files.writeString(dir.resolve("tests/broken.yaml"), """
                tests:
                  - name: typos everywhere
                    alarm: late-logs-above-normal
                    series:
                      'StoreTvAdLambdaMetrics LateLogCount{Function=monitor-late}:Sum': 40 sixty
                    expect: {3m: FIRNG, soon: OK}
                  - name: unknown alarm
                    alarm: no-such-alarm
                    series: {'AWS/Lambda Errors{FunctionName=f}:Sum': 1}
                    expect: {1m: OK}
                """);
        assertEquals(2, alarms("test", "--alarms-dir", dir.toString()));
        String f = dir.resolve("tests/broken.yaml").toString();
        assertEquals(List.of(
                f + ":5:7: tests[0].series.StoreTvAdLambdaMetrics LateLogCount{Function=monitor-late}:Sum: is not read by"
                        + " late-logs-above-normal; it reads StoreTvAdLambdaMetrics LateLogCount{Function=monitor-late-data}:Sum",
                f + ":5:7: tests[0].series.StoreTvAdLambdaMetrics LateLogCount{Function=monitor-late}:Sum: term 2 'sixty' is"
                        + " not a number, _, a+bxn, axn or _xn",
                f + ":6:14: tests[0].expect.3m: 'FIRNG' is not one of OK, PENDING, FIRING, RESOLVED, INSUFFICIENT_DATA, ALARM",
                f + ":6:25: tests[0].expect.soon: 'soon' is not a time since the start such as 90s, 5m or 1h"),
                err.toString().lines().limit(4).toList());
        assertTrue(err.toString().contains(":8:5: tests[1].alarm: 'no-such-alarm' is not an alarm id; the alarms are"), err.toString());
        assertEquals("", out.toString(), "no test runs when a file is invalid");
    }

    @Test
    void aZeroIntervalIsRefusedRatherThanLoopingForever() throws IOException {
        Files.createDirectories(dir.resolve("tests"));
        Files.copy(Path.of("alarms/pipewatch-sources.yaml"), dir.resolve("pipewatch-sources.yaml"));
        Files.writeString(dir.resolve("tests/zero.yaml"), """
                interval: 0s
                tests:
                  - name: zero
                    alarm: cloudwatch-source-unavailable
                    series: {'Pipewatch/Sources PollFailed{Source=cloudwatch}:Sum': 1}
                    expect: {1m: OK}
                """);
        assertEquals(2, alarms("test", "--alarms-dir", dir.toString()));
        assertTrue(err.toString().contains("tests/zero.yaml:1:1: interval: must be at least 1s"), err.toString());
    }

    @Test
    void aCommandLineItCannotReadIsAnError() {
        assertEquals(1, alarms("frobnicate"));
        assertTrue(err.toString().contains("Unmatched argument at index 0: 'frobnicate'"), err.toString());
    }
}
