package io.pipewatch.alert;

import io.pipewatch.config.Wall;
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
import java.util.List;
import java.util.Map;

/** {@code GET /api/alerts}: every alarm's alert, most urgent first; {@code ?active=true} for firing and pending. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertTracker tracker;
    private final Clock clock;

    public AlertResource(AlertTracker tracker, @Wall Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @GET
    public List<Alert> list(@QueryParam("active") boolean active) {
        return tracker.all().stream().filter(a -> !active || a.active()).toList();
    }

    /** The request of {@code POST /api/alerts/{id}/ack}: who owns the incident, and optionally a note. */
    public record AckRequest(String by, String comment) {
    }

    /** Acknowledges the alert's current firing: reminders stop; the resolved message is still sent. */
    @POST
    @Path("/{id}/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acknowledge(@PathParam("id") String id, AckRequest request) {
        if (request == null || request.by() == null || request.by().isBlank()) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "by: say who takes the incident")).build();
        }
        if (tracker.get(id).isEmpty()) {
            throw new NotFoundException("no alert " + id);
        }
        return tracker.acknowledge(id, new Acknowledgement(request.by().strip(), request.comment(), clock.instant()))
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
