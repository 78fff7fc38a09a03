package io.pipewatch.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** {@code GET /api/me}: who Pipewatch thinks you are and whether you may act, for pages and scripts alike. */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    public record Me(String name, Set<String> roles, boolean canRespond) {
    }

    private final SecurityIdentity identity;

    public WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Me me() {
        return new Me(identity.getPrincipal().getName(), identity.getRoles(), Roles.canRespond(identity));
    }
}
