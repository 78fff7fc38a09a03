package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cds-archive} on the packaged jar: it records a start that touches nothing of the caller's (its store, its
 * receivers), into an archive the JVM then maps Pipewatch's classes from; a start that fails leaves no archive and
 * says why; a file that cannot be written is refused before anything starts.
 */
class ClassArchiveProcessIT {

    private static final Path PROJECT = io.pipewatch.testing.PackagedJar.project();

    @TempDir
    Path workDir;

    @Test
    void recordsAThrowawayStartThatTheJvmThenMapsClassesFrom() throws Exception {
        Path archive = workDir.resolve("p.jsa");
        Path callersStore = workDir.resolve("callers-store");
        // A receiver the recorded start would refuse to start with, were it handed over: it is left out, as any is.
        Result made = run(Map.of("PIPEWATCH_STORE_PATH", callersStore.toString(), "PIPEWATCH_SLACK_WEBHOOK_URL", "not-a-url"),
                "-Dpipewatch.receivers.x.webhook-url=not-a-url", "cds-archive", "--file", archive.toString());
        assertEquals(0, made.status(), made.out());
        assertTrue(made.out().contains("Wrote " + archive), made.out());
        assertTrue(made.out().contains("java -XX:SharedArchiveFile=" + archive + " -jar "), made.out());
        assertTrue(Files.size(archive) > 10 << 20, "an archive of a whole start: " + Files.size(archive) + " bytes");
        assertFalse(Files.exists(callersStore), "the recorded start kept its state in a store of its own");

        Result mapped = run(Map.of(), "-Xlog:class+load=info", "-XX:SharedArchiveFile=" + archive, "alarms", "validate",
                PROJECT.resolve("alarms").toString());
        assertEquals(0, mapped.status(), mapped.out());
        for (String loaded : List.of("io.pipewatch.Main", "io.pipewatch.rule.AlarmLoader", "org.yaml.snakeyaml.Yaml")) {
            assertTrue(mapped.out().contains(loaded + " source: shared objects file (top)"),
                    loaded + " should come from the archive:\n" + mapped.out().lines().filter(l -> l.contains(loaded)).toList());
        }
    }

    @Test
    void aStartThatFailsLeavesNoArchiveAndSaysWhy() throws Exception {
        Path alarms = Files.createDirectories(workDir.resolve("broken-alarms"));
        Files.writeString(alarms.resolve("lag.yaml"), "alarms:\n  - name: Lag\n    statistic: Mean\n");
        Path archive = workDir.resolve("p.jsa");
        Result failed = run(Map.of("PIPEWATCH_ALARMS_DIR", alarms.toString()), "cds-archive", "--file", archive.toString());
        assertEquals(3, failed.status(), failed.out());
        assertTrue(failed.out().contains("cds-archive: the start it records failed: it exited with status 2"), failed.out());
        assertTrue(failed.out().contains("lag.yaml:"), "the start's own reasons follow:\n" + failed.out());
        assertFalse(Files.exists(archive));
    }

    @Test
    void aFileThatCannotBeWrittenIsRefusedBeforeAnythingStarts() throws Exception {
        Path archive = workDir.resolve("no-such-dir").resolve("p.jsa");
        Result refused = run(Map.of(), "cds-archive", "--file", archive.toString());
        assertEquals(2, refused.status(), refused.out());
        assertTrue(refused.out().startsWith("--file: " + archive + " cannot be written"), refused.out());
        assertFalse(refused.out().contains("Recording"), refused.out());
        assertEquals(1, run(Map.of(), "cds-archive", "--wait-seconds", "0").status());
    }

    private record Result(int status, String out) {
    }

    /** The packaged jar with these JVM flags (those before the command) and arguments, from a directory of its own. */
    private Result run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java"));
        int split = 0;
        while (split < arguments.length && arguments[split].startsWith("-")) {
            command.add(arguments[split++]);
        }
        command.add("-jar");
        command.add(System.getProperty("test.pipewatch.jar"));
        command.addAll(List.of(arguments).subList(split, arguments.length));
        Path out = Files.createTempFile(workDir, "out", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("PIPEWATCH_ALARMS_DIR", PROJECT.resolve("alarms").toString());
        builder.environment().put("PIPEWATCH_DASHBOARDS_DIR", PROJECT.resolve("dashboards").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "did not finish: " + command);
        return new Result(process.exitValue(), Files.readString(out));
    }
}
