package io.pipewatch.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides who a request comes from when an authenticating proxy stands in front: the user header and
 * the groups header count only on a connection from one of the proxy's addresses; from anywhere else a
 * request carrying them is refused, so reaching the port directly never lets anyone claim a name.
 */
public final class TrustedProxy {

    /** Who the proxy says the user is. */
    public record ProxiedUser(String name, Set<String> roles) {
    }

    /** The headers were sent by someone other than the proxy. */
    public static final class Untrusted extends Exception {
        Untrusted(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_HEADER_LENGTH = 1024;

    private final List<AddressRange> trusted;
    private final String userHeader;
    private final Optional<String> rolesHeader;
    private final List<String> defaultRoles;

    public TrustedProxy(List<AddressRange> trusted, String userHeader, Optional<String> rolesHeader, List<String> defaultRoles) {
        this.trusted = List.copyOf(trusted);
        this.userHeader = userHeader;
        this.rolesHeader = rolesHeader;
        this.defaultRoles = List.copyOf(defaultRoles);
    }

    public static TrustedProxy from(AuthConfig.Proxy config) {
        return new TrustedProxy(config.trustedAddresses().orElse(List.of()).stream().map(AddressRange::parse).toList(),
                config.userHeader(), config.rolesHeader(), config.defaultRoles());
    }

    /**
     * @param peer the address of the connection itself (never X-Forwarded-For, which anyone can write)
     * @param header the request's headers by name, case-insensitive
     * @return the user, or empty when the request names nobody
     * @throws Untrusted when someone other than the proxy names a user
     */
    public Optional<ProxiedUser> user(String peer, java.util.function.Function<String, String> header) throws Untrusted {
        String name = header.apply(userHeader);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        if (!fromProxy(peer)) {
            throw new Untrusted(userHeader + " from " + peer + ", which is not a trusted proxy address");
        }
        if (name.length() > MAX_HEADER_LENGTH) {
            throw new Untrusted(userHeader + " is over " + MAX_HEADER_LENGTH + " characters");
        }
        Set<String> roles = new LinkedHashSet<>(defaultRoles);
        rolesHeader.map(header).filter(v -> v.length() <= MAX_HEADER_LENGTH).ifPresent(groups ->
                Arrays.stream(groups.split(",")).map(String::strip).filter(g -> !g.isEmpty()).forEach(roles::add));
        return Optional.of(new ProxiedUser(name.strip(), Set.copyOf(roles)));
    }

    private boolean fromProxy(String peer) {
        byte[] address;
        try {
            address = AddressRange.parse(peer.startsWith("[") ? peer.substring(1, peer.length() - 1) : peer).network();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return trusted.stream().anyMatch(r -> r.contains(address));
    }
}
