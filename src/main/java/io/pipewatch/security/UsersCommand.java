package io.pipewatch.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code users}: writes basic mode's users file. The password is read from standard input (a terminal
 * asks for it without echo), never from the command line, where {@code ps} and shell history would keep
 * it. Exit status: 0 done, 1 usage, 2 a bad file, name, role or password.
 */
@Command(name = "users", mixinStandardHelpOptions = true, version = "pipewatch users 0.1",
        description = "Add, remove and list the users of basic mode's users file (bcrypt hashes).",
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class, UsersCommand.ListUsers.class,
                CommandLine.HelpCommand.class})
public final class UsersCommand implements Runnable {

    static final int INVALID = 2;
    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt's cost: 2^12 rounds, about a quarter second a check on a small core; logins are cached after. */
    static final int COST = 12;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream in;

    UsersCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: add, remove, list");
    }

    public static int run(String... args) {
        return run(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        return io.pipewatch.config.CommandLines.of(new UsersCommand(in), out, err).execute(args);
    }

    abstract static class FileCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        UsersCommand parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--file", required = true, description = "the users file (PIPEWATCH_AUTH_USERS_FILE)")
        Path file;

        UsersFile load() throws UsersFile.InvalidUsersFile {
            return Files.exists(file) ? UsersFile.read(file) : UsersFile.empty(file);
        }

        int fail(String message) {
            spec.commandLine().getErr().println(message);
            return INVALID;
        }
    }

    @Command(name = "add", description = "Add a user, or replace their password and roles; the password comes from standard input.")
    static final class Add extends FileCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, split = ",", description = "viewer, responder or admin (repeat or comma-separate)")
        List<String> roles;

        @Override
        public Integer call() throws IOException {
            for (String role : roles) {
                if (!Roles.ALL.contains(role)) {
                    return fail("--role: '" + role + "' is not one of viewer, responder, admin");
                }
            }
            char[] password = readPassword();
            if (password == null || password.length == 0) {
                return fail("password: none given on standard input");
            }
            if (password.length < MIN_PASSWORD_LENGTH || password.length > UsersFileIdentityProvider.MAX_PASSWORD_LENGTH) {
                return fail("password: use " + MIN_PASSWORD_LENGTH + " to " + UsersFileIdentityProvider.MAX_PASSWORD_LENGTH
                        + " characters");
            }
            try {
                UsersFile users = load();
                boolean replacing = users.user(name).isPresent();
                users.with(new UsersFile.User(name, BcryptUtil.bcryptHash(new String(password), COST),
                        java.util.Set.copyOf(new LinkedHashSet<>(roles)))).write();
                spec.commandLine().getOut().println((replacing ? "Updated " : "Added ") + name + " (" + String.join(",", roles)
                        + ") in " + file);
                return 0;
            } catch (UsersFile.InvalidUsersFile e) {
                return fail(e.getMessage());
            } catch (IllegalArgumentException e) {
                return fail("NAME: " + e.getMessage());
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }

        private char[] readPassword() throws IOException {
            if (parent.in == System.in && System.console() != null) {
                return System.console().readPassword("Password for %s: ", name);
            }
            String line = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? null : line.toCharArray();
        }
    }

    @Command(name = "remove", description = "Remove a user.")
    static final class Remove extends FileCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            try {
                UsersFile users = load();
                if (users.user(name).isEmpty()) {
                    return fail("NAME: no user '" + name + "' in " + file);
                }
                users.without(name).write();
                spec.commandLine().getOut().println("Removed " + name + " from " + file);
                return 0;
            } catch (UsersFile.InvalidUsersFile e) {
                return fail(e.getMessage());
            }
        }
    }

    @Command(name = "list", description = "List users and their roles (never their hashes).")
    static final class ListUsers extends FileCommand {
        @Override
        public Integer call() {
            try {
                load().users().values().stream().sorted(java.util.Comparator.comparing(UsersFile.User::name))
                        .forEach(u -> spec.commandLine().getOut().println(u.name() + "\t" + String.join(",", u.roles())));
                return 0;
            } catch (UsersFile.InvalidUsersFile e) {
                return fail(e.getMessage());
            }
        }
    }
}
