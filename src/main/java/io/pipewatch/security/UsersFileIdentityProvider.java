package io.pipewatch.security;

import io.pipewatch.config.Wall;
import io.quarkus.arc.Unremovable;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a name and password match a user of the users file. The file is read again when it
 * changes (a user added with {@code users add} can log in without a restart; a broken edit keeps the last
 * good file). A bcrypt check costs tens of milliseconds and browsers send Basic credentials with every
 * request, so a password once verified is remembered as a keyed digest until the user's hash changes.
 */
@ApplicationScoped
@Unremovable
public class UsersFileIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** bcrypt reads 72 bytes; anything much longer is not a password but an attempt to make us work. */
    static final int MAX_PASSWORD_LENGTH = 1024;
    /** Compared against when the name is unknown, at the cost {@code users add} writes, so a wrong name takes as long as a wrong password. */
    private static final class UnknownUser {
        static final String HASH = BcryptUtil.bcryptHash("no such user", UsersCommand.COST);
    }

    private final Optional<Path> path;
    private final LoginThrottle throttle;
    private final byte[] digestKey = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    private record Snapshot(FileTime modified, UsersFile users) {
    }

    @jakarta.inject.Inject
    public UsersFileIdentityProvider(AuthConfig config, @Wall Clock clock) {
        this(config.usersFile(), clock);
    }

    UsersFileIdentityProvider(Optional<Path> path, Clock clock) {
        this.path = path;
        this.throttle = new LoginThrottle(clock);
        new SecureRandom().nextBytes(digestKey);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String name = request.getUsername();
        char[] password = request.getPassword().getPassword();
        var http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null ? "unknown" : http.request().connection().remoteAddress().hostAddress();
        return context.runBlocking(() -> identity(name, password, address));
    }

    SecurityIdentity identity(String name, char[] password, String address) {
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new AuthenticationFailedException("password too long");
        }
        Optional<UsersFile.User> user = users().user(name);
        String secret = new String(password);
        byte[] digest = user.map(u -> digest(u.passwordHash(), secret)).orElse(null);
        byte[] known = verified.get(name);
        if (digest == null || known == null || !MessageDigest.isEqual(known, digest)) {
            String attempt = address + " " + name;
            if (!throttle.tryAcquire(attempt)) {
                throw new AuthenticationFailedException("too many login attempts");
            }
            boolean matches = false;
            try {
                // An unknown name costs a check too, so timing does not tell which names exist.
                matches = BcryptUtil.matches(secret, user.map(UsersFile.User::passwordHash).orElse(UnknownUser.HASH))
                        && user.isPresent();
            } finally {
                throttle.release(attempt, matches);
            }
            if (!matches) {
                throw new AuthenticationFailedException("wrong name or password");
            }
            verified.put(name, digest);
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                .addRoles(user.get().roles()).build();
    }

    private UsersFile users() {
        Path file = path.orElseThrow(() -> new AuthenticationFailedException("no users file"));
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (IOException e) {
            Log.errorf("Users file %s cannot be read (%s); logins fail until it can", file, e.getClass().getSimpleName());
            throw new AuthenticationFailedException("users file unreadable");
        }
        Snapshot current = snapshot;
        if (current == null || !current.modified().equals(modified)) {
            current = reload(file, modified, current);
        }
        return current.users();
    }

    private synchronized Snapshot reload(Path file, FileTime modified, Snapshot previous) {
        if (snapshot != previous) {
            return snapshot;
        }
        try {
            snapshot = new Snapshot(modified, UsersFile.read(file));
            verified.keySet().retainAll(snapshot.users().users().keySet());
        } catch (UsersFile.InvalidUsersFile e) {
            Log.errorf("Users file %s changed and cannot be used; keeping the last good one:%n%s", file, e.getMessage());
            if (previous == null) {
                throw new AuthenticationFailedException("users file invalid");
            }
            snapshot = new Snapshot(modified, previous.users());
        }
        return snapshot;
    }

    /** A keyed digest of the hash and password: memory holds no password, and a new hash forgets the old one. */
    private byte[] digest(String hash, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(digestKey, "HmacSHA256"));
            mac.update(hash.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
