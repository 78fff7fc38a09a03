package io.pipewatch.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code pipewatch.auth.*}: who may read and who may change, and how they log in. */
@ConfigMapping(prefix = "pipewatch.auth")
public interface AuthConfig {

    /**
     * {@code PIPEWATCH_AUTH_MODE}: basic, oidc, proxy or none. Unset, demo mode runs as {@code none} and
     * aws mode refuses to start: a service reachable from the internet must say how people log in.
     */
    Optional<AuthMode> mode();

    /** {@code PIPEWATCH_AUTH_USERS_FILE}: basic mode's users ({@code name:bcrypt-hash:roles}), written by {@code users add}. */
    Optional<Path> usersFile();

    /** The realm browsers show in their login prompt in basic mode. */
    @WithDefault("Pipewatch")
    String realm();

    Proxy proxy();

    /** Identity from headers set by an authenticating proxy (ALB with OIDC, oauth2-proxy). */
    interface Proxy {
        /** The header holding the user's name: ALB sets {@code x-amzn-oidc-identity}, oauth2-proxy {@code X-Forwarded-User}. */
        @WithDefault("X-Forwarded-User")
        String userHeader();

        /** A header of comma-separated groups the proxy vouches for (oauth2-proxy: {@code X-Forwarded-Groups}). */
        Optional<String> rolesHeader();

        /** Roles every user the proxy lets through has, besides the groups of {@link #rolesHeader()}. */
        @WithDefault("viewer")
        List<String> defaultRoles();

        /**
         * Addresses (IPs or CIDR ranges) of the proxies: the headers are believed only on connections from
         * these, so nobody who reaches the port directly can claim to be someone.
         */
        Optional<List<String>> trustedAddresses();
    }
}
