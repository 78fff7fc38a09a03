package io.pipewatch.security;

/**
 * How a person proves who they are: a users file with bcrypt hashes ({@code basic}), an OpenID Connect
 * provider ({@code oidc}), an authenticating proxy in front ({@code proxy}), or not at all ({@code none},
 * the demo's default, where everyone may do everything).
 */
public enum AuthMode {
    BASIC, OIDC, PROXY, NONE;

    /** As it is written in configuration and logs: {@code basic}, {@code oidc}, {@code proxy}, {@code none}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
