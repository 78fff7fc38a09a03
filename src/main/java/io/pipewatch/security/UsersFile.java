package io.pipewatch.security;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Basic mode's users, one a line: {@code name:bcrypt-hash:role[,role]}; {@code #} starts a comment. The
 * file holds hashes only, is written by {@code users add} with owner-only permissions, and every mistake
 * in it is reported as {@code file:line:column: key: message}.
 */
public record UsersFile(Path path, Map<String, User> users) {

    /** A user: the bcrypt hash of their password (never the password) and their roles. */
    public record User(String name, String passwordHash, Set<String> roles) {
        @Override
        public String toString() {
            return "User[" + name + ", roles=" + roles + "]";
        }
    }

    static final long MAX_BYTES = 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    /** An empty file at this path, for {@code users add} to fill. */
    public static UsersFile empty(Path path) {
        return new UsersFile(path, Map.of());
    }

    /** @throws InvalidUsersFile listing every problem, one line each */
    public static UsersFile read(Path path) throws InvalidUsersFile {
        List<String> lines;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new InvalidUsersFile(List.of(path + ":1:1: users: the file is over 1 MiB; is this the users file?"));
            }
            lines = Arrays.asList(StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString().split("\r?\n", -1));
        } catch (CharacterCodingException e) {
            throw new InvalidUsersFile(List.of(path + ":1:1: users: not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidUsersFile(List.of(path + ": users: cannot read: " + e.getClass().getSimpleName()));
        }
        Map<String, User> users = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String at = path + ":" + (i + 1) + ":";
            String[] parts = line.split(":", -1);
            if (parts.length != 3) {
                problems.add(at + "1: users: expected name:bcrypt-hash:role[,role]");
                continue;
            }
            String name = parts[0];
            if (!NAME.matcher(name).matches()) {
                problems.add(at + "1: users: '" + printable(name) + "' is not a user name (letters, digits and . _ @ + -)");
                continue;
            }
            int hashColumn = name.length() + 2;
            if (!BCRYPT.matcher(parts[1]).matches()) {
                problems.add(at + hashColumn + ": " + name + ".password: not a bcrypt hash; write it with `users add`");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (String role : parts[2].split(",")) {
                String r = role.strip();
                if (!Roles.ALL.contains(r)) {
                    problems.add(at + (hashColumn + parts[1].length() + 1) + ": " + name + ".roles: '" + printable(r)
                            + "' is not one of viewer, responder, admin");
                }
                roles.add(r);
            }
            if (users.containsKey(name)) {
                problems.add(at + "1: " + name + ": listed twice");
            }
            users.put(name, new User(name, parts[1], Set.copyOf(roles)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidUsersFile(problems);
        }
        return new UsersFile(path, Map.copyOf(users));
    }

    public Optional<User> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** This file with the user added, or replaced when the name is taken. */
    public UsersFile with(User user) {
        if (!NAME.matcher(user.name()).matches()) {
            throw new IllegalArgumentException("'" + printable(user.name()) + "' is not a user name (letters, digits and . _ @ + -)");
        }
        Map<String, User> next = new LinkedHashMap<>(users);
        next.put(user.name(), user);
        return new UsersFile(path, next);
    }

    public UsersFile without(String name) {
        Map<String, User> next = new LinkedHashMap<>(users);
        next.remove(name);
        return new UsersFile(path, next);
    }

    /** Writes the whole file beside itself and moves it in place, readable by its owner only. */
    public void write() throws IOException {
        StringBuilder text = new StringBuilder("# Pipewatch users (name:bcrypt-hash:roles), written by `users add`; hashes only.\n");
        users.values().stream().sorted(java.util.Comparator.comparing(User::name)).forEach(u ->
                text.append(u.name()).append(':').append(u.passwordHash()).append(':')
                        .append(String.join(",", u.roles().stream().sorted().toList())).append('\n'));
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + path.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text);
        try {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A name from a file is shown only as far as it is plain text: no control characters reach a terminal. */
    private static String printable(String text) {
        return PlainText.of(text, 64);
    }

    /** A users file that cannot be used, with every problem on a line of its own. */
    public static final class InvalidUsersFile extends Exception {
        private final List<String> problems;

        InvalidUsersFile(List<String> problems) {
            super(String.join("\n", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
