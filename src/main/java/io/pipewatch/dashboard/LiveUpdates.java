package io.pipewatch.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SignalsPolled;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * After each poll cycle, builds each dashboard's update once (the last two minutes of points,
 * which the page merges by timestamp, plus alert states) and broadcasts the same JSON text to
 * every viewer: a hundred viewers cost one serialization and no source calls.
 */
@ApplicationScoped
public class LiveUpdates {

    /** Matches the poller's re-read window, so late datapoints reach open pages too. */
    static final Duration UPDATE_WINDOW = Duration.ofMinutes(2);

    private final DashboardCatalog catalog;
    private final DashboardAlerts alerts;
    private final SeriesStore store;
    private final ObjectMapper json;
    private final Map<String, BroadcastProcessor<String>> channels = new ConcurrentHashMap<>();

    public LiveUpdates(DashboardCatalog catalog, DashboardAlerts alerts, SeriesStore store, ObjectMapper json) {
        this.catalog = catalog;
        this.alerts = alerts;
        this.store = store;
        this.json = json;
    }

    public Multi<String> subscribe(String dashboardId) {
        return Multi.createFrom().publisher(channels.computeIfAbsent(dashboardId, id -> BroadcastProcessor.create()))
                .onOverflow().drop();
    }

    void onPolled(@Observes SignalsPolled polled) {
        for (DashboardDefinition dashboard : catalog.all()) {
            BroadcastProcessor<String> channel = channels.get(dashboard.id());
            if (channel == null) {
                continue;
            }
            var data = new DashboardData(polled.at().toEpochMilli(),
                    SeriesWindow.of(dashboard, store, polled.at().minus(UPDATE_WINDOW), polled.at()),
                    alerts.alertsOf(dashboard), null);
            try {
                channel.onNext(json.writeValueAsString(data));
            } catch (JsonProcessingException e) {
                Log.errorf("Cannot encode live update of %s: %s", dashboard.id(), e.getMessage());
            }
        }
    }
}
