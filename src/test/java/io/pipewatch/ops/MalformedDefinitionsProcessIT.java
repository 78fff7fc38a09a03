package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.PackagedJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@link MalformedCorpus} through the packaged jar, as people meet it: {@code alarms validate}
 * on the broken alarm files, and the service started on broken alarms and dashboards. Both must exit
 * with status 2 and name every file with its line, column and key, never with a stack trace; the
 * refused service must never have accepted a connection.
 */
class MalformedDefinitionsProcessIT {

    @TempDir
    Path workDir;

    record Run(int exit, String output) {
    }

    @Test
    void alarmsValidateNamesEveryBrokenAlarmFile() throws Exception {
        List<MalformedCorpus.Case> cases = MalformedCorpus.writeAll(workDir).stream()
                .filter(c -> c.kind().equals("alarms")).toList();
        Run run = jar(List.of("alarms", "validate", "alarms"), 0);
        assertEquals(2, run.exit(), run.output());
        assertEveryCaseReported(cases, run.output());
        assertTrue(run.output().contains("problem(s) in alarms"), run.output());
    }

    @Test
    void theServiceRefusesToStartOnEveryBrokenFileWithoutOpeningItsPort() throws Exception {
        List<MalformedCorpus.Case> cases = MalformedCorpus.writeAll(workDir);
        Run run;
        try (PortWatch watch = PortWatch.onFreePort()) {
            run = jar(List.of(), watch.port());
            assertFalse(watch.everAccepted(), "the port opened:\n" + run.output());
        }
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("Pipewatch cannot start: "), run.output());
        assertFalse(run.output().contains("Listening on"), run.output());
        assertEveryCaseReported(cases, run.output());
    }

    private static void assertEveryCaseReported(List<MalformedCorpus.Case> cases, String output) {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (MalformedCorpus.Case c : cases) {
            String line = c.kind() + "/" + c.name() + ":" + c.expected();
            checks.add(() -> assertTrue(output.lines().anyMatch(line::equals), "missing «" + line + "»"));
        }
        checks.add(() -> assertFalse(output.contains("Exception"), "no exception named:\n" + output));
        checks.add(() -> assertFalse(output.contains("at io.") || output.contains("\tat "), "no stack trace:\n" + output));
        assertAll(checks);
    }

    private Run jar(List<String> args, int port) throws Exception {
        List<String> command = new ArrayList<>(PackagedJar.command());
        command.addAll(args);
        var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("out.log").toFile());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the process did not exit");
        return new Run(process.exitValue(), Files.readString(workDir.resolve("out.log")));
    }
}
