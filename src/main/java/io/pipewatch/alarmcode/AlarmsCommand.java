package io.pipewatch.alarmcode;

import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@code alarms}: the alarms-as-code commands. Exit status 0 means fine; each command documents its
 * others (validate: 2 invalid; test: 1 failed, 2 invalid; plan: 2 changes, 1 error). A command line
 * picocli cannot read is an error (1), never mistaken for "changes".
 */
@Command(name = "alarms", mixinStandardHelpOptions = true, version = "pipewatch alarms 0.1",
        description = "Validate and test alarms/ offline with the service's evaluator; plan, apply or export them for CloudWatch.",
        subcommands = {ValidateCommand.class, TestCommand.class, PlanCommand.class, ApplyCommand.class, ExportCommand.class,
                CommandLine.HelpCommand.class})
public final class AlarmsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<CloudWatchClient> clients;
    private CloudWatchClient client;

    AlarmsCommand(Supplier<CloudWatchClient> clients) {
        this.clients = clients;
    }

    /** Built on first use, so validate and test never need AWS configuration. */
    CloudWatchClient cloudWatch() {
        if (client == null) {
            client = clients.get();
        }
        return client;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: validate, test, plan, apply, export");
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** For tests: the same command with its output captured. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, () -> CloudWatchClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(), args);
    }

    /** For tests: with a CloudWatch client of the test's choosing. */
    public static int run(PrintWriter out, PrintWriter err, Supplier<CloudWatchClient> clients, String... args) {
        AlarmsCommand command = new AlarmsCommand(clients);
        CommandLine cli = io.pipewatch.config.CommandLines.of(command, out, err);
        try {
            return cli.execute(args);
        } finally {
            if (command.client != null) {
                command.client.close();
            }
        }
    }
}
