package io.pipewatch.alarmcode;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code alarms}: the alarms-as-code commands. Exit status 0 means fine; each command documents its
 * others (validate: 2 invalid; test: 1 failed, 2 invalid; plan: 2 changes, 1 error). A command line
 * picocli cannot read is an error (1), never mistaken for "changes".
 */
@Command(name = "alarms", mixinStandardHelpOptions = true, version = "pipewatch alarms 0.1",
        description = "Validate and test the alarm definitions in alarms/ offline, with the service's evaluator.",
        subcommands = {ValidateCommand.class, TestCommand.class, CommandLine.HelpCommand.class})
public final class AlarmsCommand implements Runnable {

    static final int USAGE_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: validate, test");
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** For tests: the same command with its output captured. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AlarmsCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE_ERROR;
        });
        return cli.execute(args);
    }
}
