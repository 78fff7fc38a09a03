package io.pipewatch.alert;

import io.pipewatch.config.Wall;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Map;

/** {@code GET /api/alerts}: every alarm's alert, most urgent first; {@code ?active=true} for firing and pending. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final int MAX_COMMENT_LENGTH = 1000;
    static final int MAX_ID_LENGTH = 200;

    private final AlertTracker tracker;
    private final Clock clock;
    private final SecurityIdentity identity;

    private final AlertListJson listing;

    public AlertResource(AlertTracker tracker, AlertListJson listing, @Wall Clock clock, SecurityIdentity identity) {
        this.tracker = tracker;
        this.listing = listing;
        this.clock = clock;
        this.identity = identity;
    }

    @GET
    public Response list(@QueryParam("active") boolean active) throws com.fasterxml.jackson.core.JsonProcessingException {
        return Response.ok(listing.of(active), MediaType.APPLICATION_JSON).build();
    }

    /**
     * The request of {@code POST /api/alerts/{id}/ack}: an optional note. Who owns the incident is the login;
     * a {@code by} in the body is ignored.
     */
    public record AckRequest(String comment) {
    }

    /** Acknowledges the alert's current firing: reminders stop; the resolved message is still sent. */
    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acknowledge(@PathParam("id") String id, AckRequest request) {
        String comment = request == null || request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        try {
            TextLimit.check("id", id, MAX_ID_LENGTH);
            TextLimit.check("comment", comment, MAX_COMMENT_LENGTH);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage())).build();
        }
        if (tracker.get(id).isEmpty()) {
            throw new NotFoundException("no alert " + id);
        }
        return tracker.acknowledge(id, new Acknowledgement(identity.getPrincipal().getName(), comment, clock.instant()))
                .map(a -> Response.ok(a).build())
                .orElseGet(() -> Response.status(Response.Status.CONFLICT)
                        .entity(Map.of("error", "alert " + id + " is not firing; only a firing alert can be acknowledged")).build());
    }

    @GET
    @Path("/{id}")
    public Alert one(@PathParam("id") String id) {
        return tracker.get(id).orElseThrow(() -> new NotFoundException("no alert " + id));
    }
}
