package io.pipewatch.alarmcode;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.config.YamlFiles;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.AlarmLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alarms test [files]}: runs promtool-style tests through the service's evaluator. Prints each
 * test, expected against got with the evaluator's reason, and the alarms no test covers.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run alarm tests (default: every file in <alarms-dir>/tests) with the service's evaluator.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every test passed", "1:a test failed", "2:an alarm or test file is invalid"})
final class TestCommand implements Callable<Integer> {

    static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--alarms-dir", defaultValue = "alarms", description = "the alarms under test (default: ${DEFAULT-VALUE})")
    Path alarmsDir;

    @Parameters(arity = "0..*", description = "test files (default: <alarms-dir>/tests/*.yaml)")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var problems = new DefinitionProblems();
        List<AlarmDefinition> alarms = new AlarmLoader().load(alarmsDir, problems);
        List<Path> testFiles = files.isEmpty() ? YamlFiles.list(alarmsDir.resolve("tests"), problems) : files;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                problems.add(new io.pipewatch.config.DefinitionProblem(f, 0, 0, "(file)", "no such file"));
            }
        }
        var tests = new AlarmTestLoader(alarms).load(testFiles.stream().filter(Files::isRegularFile).toList(), problems);
        if (!problems.isEmpty()) {
            problems.all().forEach(err::println);
            err.printf("%d problem(s); no test was run%n", problems.all().size());
            return ValidateCommand.INVALID;
        }
        var runner = new AlarmTestRunner(alarms);
        int failed = 0;
        Path currentFile = null;
        for (AlarmTest test : tests) {
            if (!test.file().equals(currentFile)) {
                currentFile = test.file();
                out.println(currentFile);
            }
            var result = runner.run(test);
            out.printf("  %-6s %s%n", result.passed() ? "ok" : "FAILED", test.name());
            for (var f : result.failures()) {
                out.printf("         at %s: expected %s, got %s (%s)%n", human(f.at()), f.expected(), f.got(), f.reason());
            }
            failed += result.passed() ? 0 : 1;
        }
        Set<String> untested = new TreeSet<>(alarms.stream().map(AlarmDefinition::id).toList());
        tests.forEach(t -> untested.remove(t.alarm().id()));
        out.printf("%d test(s), %d failed%s%n", tests.size(), failed,
                untested.isEmpty() ? "; every alarm is tested" : "; no test for: " + String.join(", ", untested));
        return failed > 0 ? FAILED : 0;
    }

    private static String human(java.time.Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}
