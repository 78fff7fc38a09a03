package io.pipewatch.alert;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /api/alerts}: every alarm's alert, most urgent first; {@code ?active=true} for firing and pending. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertTracker tracker;

    public AlertResource(AlertTracker tracker) {
        this.tracker = tracker;
    }

    @GET
    public List<Alert> list(@QueryParam("active") boolean active) {
        return tracker.all().stream().filter(a -> !active || a.active()).toList();
    }

    @GET
    @Path("/{id}")
    public Alert one(@PathParam("id") String id) {
        return tracker.get(id).orElseThrow(() -> new NotFoundException("no alert " + id));
    }
}
