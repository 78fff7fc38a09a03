package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.PackagedJar;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a CLI: exit statuses as documented, and no service booted (no port, no store). */
class AlarmsCliProcessIT {

    @TempDir
    Path dir;

    record Run(int exit, String output) {
    }

    @Test
    void validateAndTestTheShippedAlarmsWithoutStartingTheService() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(port)) {
            // The port the service would bind is taken: a CLI that booted the service would fail on it.
            Run validate = jar(port, "alarms", "validate", "alarms");
            assertEquals(0, validate.exit(), validate.output());
            assertEquals("14 alarm(s) in alarms are valid", validate.output().strip());
            Run test = jar(port, "alarms", "test");
            assertEquals(0, test.exit(), test.output());
            assertTrue(test.output().contains("21 test(s), 0 failed; every alarm is tested"), test.output());
            assertFalse(test.output().contains("Listening on") || test.output().contains("DynamoDB"), test.output());
        }
    }

    @Test
    void exitStatusesAreTheContract() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "alarms:\n  - name: x\n");
        assertEquals(2, jar(0, "alarms", "validate", dir.toString()).exit(), "invalid alarms");
        Files.createDirectories(dir.resolve("ok/tests"));
        Files.copy(Path.of("alarms/pipewatch-sources.yaml"), dir.resolve("ok/pipewatch-sources.yaml"));
        Files.writeString(dir.resolve("ok/tests/t.yaml"), """
                tests:
                  - name: wrong on purpose
                    alarm: cloudwatch-source-unavailable
                    series: {'Pipewatch/Sources PollFailed{Source=cloudwatch}:Sum': 1x5}
                    expect: {1m: FIRING}
                """);
        Run failed = jar(0, "alarms", "test", "--alarms-dir", dir.resolve("ok").toString());
        assertEquals(1, failed.exit(), failed.output());
        assertTrue(failed.output().contains("at 1m: expected FIRING, got PENDING"), failed.output());
        assertEquals(1, jar(0, "alarms", "no-such-command").exit(), "a command line it cannot read");
    }

    private Run jar(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(PackagedJar.command());
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (port > 0) {
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        }
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI exits by itself");
        return new Run(p.exitValue(), output);
    }
}
