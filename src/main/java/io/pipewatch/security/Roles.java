package io.pipewatch.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * The three roles and what each implies: {@code viewer} reads pages and GET APIs, {@code responder} also
 * acknowledges, silences and ends silences, {@code admin} may do everything. The HTTP permissions in
 * application.properties list the implied roles, so a group mapped to {@code admin} needs nothing else.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String RESPONDER = "responder";
    public static final String ADMIN = "admin";
    public static final Set<String> ALL = Set.of(VIEWER, RESPONDER, ADMIN);

    private Roles() {
    }

    /** Whether this identity may acknowledge and silence: pages show those controls only to them. */
    public static boolean canRespond(SecurityIdentity identity) {
        return identity.hasRole(RESPONDER) || identity.hasRole(ADMIN);
    }
}
