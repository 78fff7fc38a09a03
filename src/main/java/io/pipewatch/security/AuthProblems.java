package io.pipewatch.security;

import io.pipewatch.config.PipewatchConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What keeps the chosen login from working, one line each, found before the port opens: aws mode with
 * no mode chosen, basic without a readable users file, proxy without trusted addresses, oidc without a
 * provider.
 */
public final class AuthProblems {

    private AuthProblems() {
    }

    public static List<String> of(AuthConfig auth, PipewatchConfig.Mode appMode, Optional<String> oidcServer) {
        List<String> problems = new ArrayList<>();
        Optional<AuthMode> mode = EffectiveAuthMode.of(auth, appMode);
        if (mode.isEmpty()) {
            problems.add("pipewatch.auth.mode (PIPEWATCH_AUTH_MODE): aws mode needs a login: basic, oidc or proxy "
                    + "(or none, said explicitly, if something else guards the port)");
            return problems;
        }
        switch (mode.get()) {
            case BASIC -> {
                if (auth.usersFile().isEmpty()) {
                    problems.add("pipewatch.auth.users-file (PIPEWATCH_AUTH_USERS_FILE): basic mode needs a users file; "
                            + "write one with `java -jar quarkus-run.jar users add NAME --role responder --file users.txt`");
                } else if (!Files.isReadable(auth.usersFile().get())) {
                    problems.add("pipewatch.auth.users-file (PIPEWATCH_AUTH_USERS_FILE): " + auth.usersFile().get()
                            + " cannot be read");
                } else {
                    try {
                        if (UsersFile.read(auth.usersFile().get()).users().isEmpty()) {
                            problems.add("pipewatch.auth.users-file (PIPEWATCH_AUTH_USERS_FILE): " + auth.usersFile().get()
                                    + " has no users; add one with `users add`");
                        }
                    } catch (UsersFile.InvalidUsersFile e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            case PROXY -> {
                List<String> trusted = auth.proxy().trustedAddresses().orElse(List.of());
                if (trusted.isEmpty()) {
                    problems.add("pipewatch.auth.proxy.trusted-addresses (PIPEWATCH_AUTH_PROXY_TRUSTED_ADDRESSES): proxy mode "
                            + "needs the proxy's addresses (such as 10.0.0.0/16), or anyone could send the user header");
                }
                for (String address : trusted) {
                    try {
                        AddressRange.parse(address);
                    } catch (IllegalArgumentException e) {
                        problems.add("pipewatch.auth.proxy.trusted-addresses (PIPEWATCH_AUTH_PROXY_TRUSTED_ADDRESSES): "
                                + e.getMessage());
                    }
                }
            }
            case OIDC -> {
                if (oidcServer.filter(s -> !s.isBlank()).isEmpty()) {
                    problems.add("quarkus.oidc.auth-server-url (QUARKUS_OIDC_AUTH_SERVER_URL): oidc mode needs the "
                            + "provider's issuer URL, such as https://login.example.com/realms/ops");
                }
            }
            case NONE -> {
            }
        }
        return problems;
    }
}
