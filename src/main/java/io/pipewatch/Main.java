package io.pipewatch;

import io.pipewatch.alarmcode.AlarmsCommand;
import io.pipewatch.aws.dynamodb.StoreServerCommand;
import io.pipewatch.config.ConfigValueProblems;
import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.config.RawSettings;
import io.pipewatch.ops.ClassArchiveCommand;
import io.pipewatch.security.AuthConfig;
import io.pipewatch.security.HttpGuardConfig;
import io.pipewatch.security.UsersCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.List;

/**
 * One jar, several uses: {@code java -jar quarkus-run.jar} runs the service; {@code … alarms <command>}
 * and {@code … users <command>} run the alarms-as-code
 * and users-file CLIs without booting Quarkus, so it opens no port, touches no store and
 * can run in CI next to a running service; {@code … store-server} runs the embedded store alone, for replicas
 * on one machine to share; {@code … cds-archive} records a start into a class-data archive that makes the next ones
 * faster.
 *
 * <p>Before the service boots, every {@code pipewatch.*} value is checked against the type it must
 * become: Quarkus would stop at the first one it cannot convert with exit status 1 and an
 * {@code SRCFG…} line naming a Java exception (and read a boolean such as {@code banana} as false).
 */
@QuarkusMain
public final class Main {

    static final int INVALID_CONFIGURATION = 2;
    private static final List<Class<?>> SETTINGS = List.of(PipewatchConfig.class, AuthConfig.class, HttpGuardConfig.class);

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("alarms")) {
            System.exit(AlarmsCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("users")) {
            System.exit(UsersCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("store-server")) {
            System.exit(StoreServerCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("cds-archive")) {
            System.exit(ClassArchiveCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        List<String> problems = ConfigValueProblems.of(SETTINGS, RawSettings.lookup());
        if (!problems.isEmpty()) {
            System.err.println("Pipewatch cannot start: " + problems.size() + " problem(s)\n" + String.join("\n", problems));
            System.exit(INVALID_CONFIGURATION);
        }
        Quarkus.run(args);
    }
}
