package io.pipewatch.dashboard;

import io.pipewatch.signal.SeriesStore;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The dashboards as JSON: definitions, a window of data, and live updates over SSE. */
@Path("/api/dashboards")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardApi {

    static final int MAX_MINUTES = 360;

    private final DashboardCatalog catalog;
    private final DashboardAlerts alerts;
    private final SeriesStore store;
    private final LiveUpdates live;
    private final Clock clock;
    private final io.pipewatch.signal.HistoryCache history;

    public DashboardApi(DashboardCatalog catalog, DashboardAlerts alerts, SeriesStore store, LiveUpdates live,
            Clock clock, io.pipewatch.signal.HistoryCache history) {
        this.history = history;
        this.catalog = catalog;
        this.alerts = alerts;
        this.store = store;
        this.live = live;
        this.clock = clock;
    }

    @GET
    public List<DashboardDefinition> list() {
        return catalog.all();
    }

    @GET
    @Path("/{id}")
    public DashboardDefinition one(@PathParam("id") String id) {
        return dashboard(id);
    }

    /**
     * Every series the dashboard charts over a window: {@code from} and {@code to} ({@link TimeRange}: ISO-8601,
     * {@code now} or {@code now-3h}), or the last {@code minutes} (default 30, at most 360) when neither is given. What
     * the store no longer keeps is absent. A window that is not one answers 400 naming the parameter.
     */
    @GET
    @Path("/{id}/data")
    public Response data(@PathParam("id") String id, @QueryParam("minutes") @DefaultValue("30") int minutes,
            @QueryParam("from") String from, @QueryParam("to") String to) {
        DashboardDefinition dashboard = dashboard(id);
        Instant now = clock.instant();
        TimeRange range;
        try {
            range = from == null && to == null
                    ? new TimeRange(now.minus(Duration.ofMinutes(Math.max(1, Math.min(MAX_MINUTES, minutes)))), now, true)
                    : TimeRange.parse(from, to, now);
        } catch (IllegalArgumentException e) {
            return Response.status(Response.Status.BAD_REQUEST).entity(java.util.Map.of("error", e.getMessage())).build();
        }
        Instant end = range.live() ? range.to().plusSeconds(1) : range.to();
        Instant start = range.from();
        return Response.ok(new DashboardData(now.toEpochMilli(), SeriesWindow.of(dashboard, store, start, end,
                keys -> history.read(keys, start, end, now)),
                alerts.alertsOf(dashboard), DashboardData.unitsOf(dashboard))).build();
    }

    @GET
    @Path("/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> live(@PathParam("id") String id) {
        return live.subscribe(dashboard(id).id());
    }

    private DashboardDefinition dashboard(String id) {
        return catalog.byId(id).orElseThrow(() -> new NotFoundException("no dashboard " + id));
    }
}
