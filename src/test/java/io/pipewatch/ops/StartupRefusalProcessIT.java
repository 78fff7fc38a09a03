package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.PackagedJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the packaged jar, as the README does, on broken definitions, a bad webhook and settings that
 * cannot be read: it must exit with status 2 after printing every problem on a line of its own — file,
 * line, column, key (or key and environment variable) — with no stack trace, without echoing the
 * webhook URL, and without ever having opened its port. Every start gets a free port of its own.
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

        var builder = new ProcessBuilder(PackagedJar.command())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        Process process;
        String out;
        try (PortWatch watch = PortWatch.onFreePort()) {
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(watch.port()));
            process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
            out = Files.readString(workDir.resolve("out.log"));
            assertFalse(watch.everAccepted(), "a refused start opened its port:\n" + out);
        }

        assertEquals(2, process.exitValue(), out);
        assertFalse(out.contains("Listening on"), out);
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
        var builder = new ProcessBuilder(PackagedJar.command())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().put("PIPEWATCH_SLACK_WEBHOOK_URL", "hooks.slack.com/services/T0/B0/s3cr3tT0k3n");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(PortWatch.freePort()));
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
        String out = Files.readString(workDir.resolve("out.log"));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("pipewatch.slack.webhook-url (PIPEWATCH_SLACK_WEBHOOK_URL): must be an http(s) URL"), out);
        assertFalse(out.contains("s3cr3t"), out);
        assertFalse(out.contains("\tat "), out);
    }

    @Test
    void refusesSettingsThatCannotBeReadNamingKeyAndVariable() throws Exception {
        copyDefinitions();
        var builder = new ProcessBuilder(PackagedJar.command())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().putAll(Map.of("PIPEWATCH_ROUTE_GROUP_WAIT", "soon", "PIPEWATCH_POLL_INTERVAL", "fast",
                "PIPEWATCH_SNS_VERIFY_SIGNATURES", "banana", "PIPEWATCH_STREAMS_INITIAL_POSITION", "middle"));
        Process process;
        String out;
        try (PortWatch watch = PortWatch.onFreePort()) {
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(watch.port()));
            process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process did not exit");
            out = Files.readString(workDir.resolve("out.log"));
            assertFalse(watch.everAccepted(), out);
        }
        assertEquals(2, process.exitValue(), out);
        assertEquals(List.of("Pipewatch cannot start: 4 problem(s)",
                "pipewatch.poll-interval (PIPEWATCH_POLL_INTERVAL): 'fast' is not a duration such as 30s, 5m or PT5M",
                "pipewatch.route.group-wait (PIPEWATCH_ROUTE_GROUP_WAIT): 'soon' is not a duration such as 30s, 5m or PT5M",
                "pipewatch.sns.verify-signatures (PIPEWATCH_SNS_VERIFY_SIGNATURES): 'banana' is not true or false",
                "pipewatch.streams.initial-position (PIPEWATCH_STREAMS_INITIAL_POSITION): 'middle' is not one of latest, trim-horizon"),
                out.lines().toList(), "exactly these lines, nothing from SmallRye or Quarkus");
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
