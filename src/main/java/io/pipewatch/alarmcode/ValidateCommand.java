package io.pipewatch.alarmcode;

import io.pipewatch.config.DefinitionProblems;
import io.pipewatch.rule.AlarmLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code alarms validate [dir]}: every problem of every file at once; exit 2 when there is any. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every alarm file; print each problem as file:line:column: key: message.",
        exitCodeListHeading = "%nExit status:%n", exitCodeList = {"0:all alarm files are valid", "2:problems were found"})
final class ValidateCommand implements Callable<Integer> {

    static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", defaultValue = "alarms", description = "directory of alarm files (default: ${DEFAULT-VALUE})")
    Path dir;

    @Override
    public Integer call() {
        var problems = new DefinitionProblems();
        var alarms = new AlarmLoader().load(dir, problems);
        if (!problems.isEmpty()) {
            problems.all().forEach(p -> spec.commandLine().getErr().println(p));
            spec.commandLine().getErr().printf("%d problem(s) in %s%n", problems.all().size(), dir);
            return INVALID;
        }
        spec.commandLine().getOut().printf("%d alarm(s) in %s are valid%n", alarms.size(), dir);
        return 0;
    }
}
