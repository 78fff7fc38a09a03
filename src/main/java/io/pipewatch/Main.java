package io.pipewatch;

import io.pipewatch.alarmcode.AlarmsCommand;
import io.pipewatch.security.UsersCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * One jar, two uses: {@code java -jar quarkus-run.jar} runs the service; {@code … alarms <command>}
 * and {@code … users <command>} run the alarms-as-code
 * and users-file CLIs without booting Quarkus, so it opens no port, touches no store and
 * can run in CI next to a running service.
 */
@QuarkusMain
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("alarms")) {
            System.exit(AlarmsCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals("users")) {
            System.exit(UsersCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}
