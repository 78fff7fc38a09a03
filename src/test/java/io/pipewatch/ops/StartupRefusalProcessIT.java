package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged jar, as the README does, on broken definitions and a bad webhook: it must
 * exit with status 2 after printing every problem on a line of its own — file, line, column, key —
 * with no stack trace and without echoing the webhook URL.
 */
class StartupRefusalProcessIT {

    @TempDir
    Path workDir;

    @Test
    void refusesToStartAndNamesEveryProblem() throws Exception {
        Files.createDirectories(workDir.resolve("alarms"));
        Files.createDirectories(workDir.resolve("dashboards"));
        Files.writeString(workDir.resolve("alarms/lag.yaml"), """
                alarms:
                  - name: Lag
                    summary: Consumers lag.
                    metric: {namespace: AWS/Kinesis, name: GetRecords.IteratorAgeMilliseconds}
                    statistic: Maximum
                    period: 45s
                    comparison: ">"
                    threshold: 30000
                    evaluation_periods: 2
                    datapoints_to_alarm: 3
                    runbook: /runbooks/lag
                    owner: me
                """);
        Files.writeString(workDir.resolve("dashboards/p.yaml"), "title: P\nstages:\n  - type: kinesis\n    name: s\n");

        Process process = new ProcessBuilder("java", "-jar", System.getProperty("test.pipewatch.jar"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile())
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
        String out = Files.readString(workDir.resolve("out.log"));

        assertEquals(2, process.exitValue(), out);
        for (String line : List.of(
                "alarms/lag.yaml:6:5: alarms[0].period: 45s is refused by CloudWatch: use 10, 20, 30 or a multiple of 60 seconds",
                "alarms/lag.yaml:10:5: alarms[0].datapoints_to_alarm: 3 must be between 1 and evaluation_periods (2)",
                "alarms/lag.yaml:12:5: alarms[0].owner: unknown key",
                "dashboards/p.yaml:3:5: stages[0].type: 'kinesis' is not one of kinesis-stream, lambda, dynamodb-table, dynamodb-stream, late-logs")) {
            assertTrue(out.lines().anyMatch(l -> l.equals(line)), "missing line «" + line + "» in:\n" + out);
        }
        assertTrue(out.contains("Pipewatch cannot start: 4 problem(s)"), out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

    @Test
    void refusesABadWebhookWithoutEchoingIt() throws Exception {
        copyDefinitions();
        var builder = new ProcessBuilder("java", "-jar", System.getProperty("test.pipewatch.jar"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().put("PIPEWATCH_SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/s3cr3tT0k3n");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
        String out = Files.readString(workDir.resolve("out.log"));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("pipewatch.slack.webhook-url (PIPEWATCH_SLACK_WEBHOOK_URL): must be an http(s) URL"), out);
        assertFalse(out.contains("s3cr3t"), out);
        assertFalse(out.contains("\tat "), out);
    }

    private void copyDefinitions() throws IOException {
        for (String dir : List.of("alarms", "dashboards")) {
            Path target = Files.createDirectories(workDir.resolve(dir));
            try (var files = Files.list(Path.of(dir))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
    }
}
