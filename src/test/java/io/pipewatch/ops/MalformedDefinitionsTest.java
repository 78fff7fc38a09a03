package io.pipewatch.ops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.config.DefinitionProblem;
import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.dashboard.DashboardLoader;
import io.pipewatch.rule.AlarmLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@link MalformedCorpus} through the loader the service uses: its own line
 * ({@code file:line:column: key: message}) among the problems, every problem in that form, and no
 * exception or error escaping — within seconds, so that no file can make a loader spin.
 */
class MalformedDefinitionsTest {

    private static final Pattern PROBLEM_LINE = Pattern.compile("\\d+:\\d+: \\S.*: .+");

    @TempDir
    Path dir;

    static Stream<MalformedCorpus.Case> corpus() {
        return MalformedCorpus.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyBrokenFileIsOneLineWithItsPlace(MalformedCorpus.Case broken) {
        Path file = broken.writeInto(dir);
        Path definitions = file.getParent();
        var problems = new DefinitionProblems();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            if (broken.kind().equals("alarms")) {
                new AlarmLoader().load(definitions, problems);
            } else {
                new DashboardLoader(Duration.ofMinutes(10)).load(definitions, problems);
            }
        });
        List<String> lines = problems.all().stream().map(DefinitionProblem::toString).toList();
        String expected = file + ":" + broken.expected();
        assertAll(
                () -> assertTrue(lines.contains(expected), "expected «" + expected + "» among:\n" + String.join("\n", lines)),
                () -> assertTrue(lines.stream().allMatch(l -> l.startsWith(file + ":")
                        && PROBLEM_LINE.matcher(l.substring(file.toString().length() + 1)).matches()),
                        "every line is file:line:column: key: message:\n" + String.join("\n", lines)),
                () -> assertTrue(lines.stream().allMatch(l -> l.length() < 400), "no line repeats a huge value"));
    }
}
