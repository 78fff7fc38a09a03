package io.pipewatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.pipewatch.testing.ManualClock;
import io.quarkus.security.AuthenticationFailedException;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file as {@code users add} writes it and basic mode reads it. */
class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void usersAddWritesAHashNeverThePasswordAndTheLoginChecksIt() throws Exception {
        Path file = dir.resolve("users.txt");
        assertEquals(0, users("correct horse battery\n", "add", "ana", "--role", "responder", "--file", file.toString()));
        assertEquals(0, users("viewer password 1\n", "add", "bo", "--role", "viewer", "--file", file.toString()));
        String text = Files.readString(file);
        assertFalse(text.contains("correct horse"), text);
        assertTrue(text.contains("ana:$2a$12$"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        var provider = new UsersFileIdentityProvider(Optional.of(file), new ManualClock(java.time.Instant.EPOCH));
        var ana = provider.identity("ana", "correct horse battery".toCharArray(), "192.0.2.1");
        assertEquals("ana", ana.getPrincipal().getName());
        assertEquals(Set.of("responder"), ana.getRoles());
        assertEquals("ana", provider.identity("ana", "correct horse battery".toCharArray(), "192.0.2.1").getPrincipal().getName(), "cached");
        assertThrows(AuthenticationFailedException.class, () -> provider.identity("ana", "wrong horse battery".toCharArray(), "192.0.2.1"));
        assertThrows(AuthenticationFailedException.class, () -> provider.identity("nobody", "correct horse battery".toCharArray(), "192.0.2.1"));
        assertThrows(AuthenticationFailedException.class, () -> provider.identity("ana", "x".repeat(5000).toCharArray(), "192.0.2.1"));

        // A new password takes effect without a restart, and the remembered one stops working.
        assertEquals(0, users("a brand new password\n", "add", "ana", "--role", "responder,admin", "--file", file.toString()));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThrows(AuthenticationFailedException.class, () -> provider.identity("ana", "correct horse battery".toCharArray(), "192.0.2.1"));
        assertEquals(Set.of("responder", "admin"), provider.identity("ana", "a brand new password".toCharArray(), "192.0.2.1").getRoles());

        assertEquals(0, users("", "remove", "bo", "--file", file.toString()));
        assertEquals(List.of("ana"), List.copyOf(UsersFile.read(file).users().keySet()));
    }

    @Test
    void anAddressThatKeepsGuessingIsRefusedWithoutCostingACheckButKnownUsersStillGetIn() throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "ana:" + BcryptUtil.bcryptHash("ana password", 4) + ":responder\n"
                + "bo:" + BcryptUtil.bcryptHash("bo password", 4) + ":viewer\n");
        var clock = new ManualClock(java.time.Instant.EPOCH);
        var provider = new UsersFileIdentityProvider(Optional.of(file), clock);
        provider.identity("ana", "ana password".toCharArray(), "198.51.100.1");
        for (int i = 0; i < LoginThrottle.FAILURES_ALLOWED; i++) {
            assertThrows(AuthenticationFailedException.class, () -> provider.identity("bo", "guess".toCharArray(), "203.0.113.9"));
        }
        var refused = assertThrows(AuthenticationFailedException.class,
                () -> provider.identity("bo", "bo password".toCharArray(), "203.0.113.9"));
        assertEquals("too many login attempts", refused.getMessage(), "not even the right password is checked");
        assertEquals("bo", provider.identity("bo", "bo password".toCharArray(), "198.51.100.1").getPrincipal().getName(),
                "the owner, from their own address, is not held up");
        assertEquals("ana", provider.identity("ana", "ana password".toCharArray(), "203.0.113.9").getPrincipal().getName(),
                "a login already verified costs no check and is never held up");
        clock.advance(LoginThrottle.WINDOW);
        assertEquals("bo", provider.identity("bo", "bo password".toCharArray(), "203.0.113.9").getPrincipal().getName());
    }

    @Test
    void usersAddRefusesWhatCouldNotLogIn() {
        Path file = dir.resolve("users.txt");
        assertEquals(2, users("long enough password\n", "add", "ana", "--role", "boss", "--file", file.toString()));
        assertEquals(2, users("short\n", "add", "ana", "--role", "viewer", "--file", file.toString()));
        assertEquals(2, users("", "add", "ana", "--role", "viewer", "--file", file.toString()));
        assertEquals(2, users("long enough password\n", "add", "ana:x", "--role", "viewer", "--file", file.toString()));
        assertEquals(1, users("long enough password\n", "add", "ana", "--file", file.toString()), "--role is required");
        assertFalse(Files.exists(file), "nothing written for a refused command");
    }

    @Test
    void everyMistakeInTheFileIsNamedByLineAndColumn() throws Exception {
        String hash = BcryptUtil.bcryptHash("whatever password", 4);
        Path file = dir.resolve("users.txt");
        Files.writeString(file, String.join("\n", "# comment", "ana:" + hash + ":responder", "bo:plaintext:viewer",
                "cy:" + hash + ":boss", "no colons here", "ana:" + hash + ":viewer", ""));
        var e = assertThrows(UsersFile.InvalidUsersFile.class, () -> UsersFile.read(file));
        assertEquals(List.of(
                file + ":3:4: bo.password: not a bcrypt hash; write it with `users add`",
                file + ":4:65: cy.roles: 'boss' is not one of viewer, responder, admin",
                file + ":5:1: users: expected name:bcrypt-hash:role[,role]",
                file + ":6:1: ana: listed twice"), e.problems());

        Files.write(file, new byte[] {'a', ':', (byte) 0xC3, (byte) 0x28});
        assertEquals(List.of(file + ":1:1: users: not UTF-8 text"),
                assertThrows(UsersFile.InvalidUsersFile.class, () -> UsersFile.read(file)).problems());
    }

    private static int users(String stdin, String... args) {
        var err = new StringWriter();
        return UsersCommand.run(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }
}
