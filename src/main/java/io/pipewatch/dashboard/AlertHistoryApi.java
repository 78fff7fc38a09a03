package io.pipewatch.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/alerts/{id}/history}: what the alert's page shows, as JSON. A resource of its own, rooted at its full
 * path, because JAX-RS picks the root resource first: under {@code /api/alerts} this path would never be found.
 */
@Path("/api/alerts/{id}/history")
public class AlertHistoryApi {

    private final AlertPages pages;

    public AlertHistoryApi(AlertPages pages) {
        this.pages = pages;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AlertHistory history(@PathParam("id") String id) {
        return pages.historyOf(id);
    }
}
