package io.pipewatch.config;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The jar's commands ({@code alarms}, {@code users}, {@code store-server}) read their arguments one way: what they print
 * goes to the writers given, and a usage mistake prints picocli's message and the usage, and exits with status 1.
 */
public final class CommandLines {

    /** The exit status of a usage mistake (an unknown option, a missing argument). */
    public static final int USAGE = 1;

    private CommandLines() {
    }

    public static CommandLine of(Object command, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> {
            err.println(e.getMessage());
            e.getCommandLine().usage(err);
            return USAGE;
        });
        return cli;
    }
}
