package io.pipewatch.incident;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/incidents}: open incidents first, then resolved ones, newest first; {@code ?state=open} or
 * {@code ?state=resolved} for one kind. {@code GET /api/incidents/{id}} for one. Viewers may read them (the
 * application's permissions); nothing here changes state.
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentQueries incidents;

    public IncidentResource(IncidentQueries incidents) {
        this.incidents = incidents;
    }

    @GET
    public Response list(@QueryParam("state") String state) {
        if (state == null || state.isBlank()) {
            return Response.ok(incidents.all()).build();
        }
        if (!state.equals("open") && !state.equals("resolved")) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", "state: '"
                    + state.substring(0, Math.min(40, state.length())) + "' is not one of open, resolved")).build();
        }
        List<Incident> matching = incidents.all().stream().filter(i -> i.state() == Incident.State.of(state)).toList();
        return Response.ok(matching).build();
    }

    @GET
    @Path("/{id}")
    public Incident one(@PathParam("id") String id) {
        return incidents.get(id).orElseThrow(() -> new NotFoundException("no incident " + id));
    }
}
