package io.pipewatch.ops;

import io.pipewatch.config.PipewatchConfig;
import io.pipewatch.notify.delivery.DeliveryQueries;
import io.pipewatch.notify.delivery.DeliveryStatus;
import io.pipewatch.signal.SourceQueries;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.signal.SourceStatus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.pipewatch.replica.Leadership;
import io.pipewatch.replica.ReplicaStatus;
import java.util.List;

/** {@code GET /api/status}: how each source and the receiver are doing, and what the store holds. */
@Path("/api/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {

    private final PipewatchConfig config;
    private final SourceQueries loop;
    private final DeliveryQueries delivery;
    private final SeriesStore store;

    private final io.pipewatch.signal.HistoryCache history;

    private final Leadership leadership;

    public StatusResource(PipewatchConfig config, SourceQueries loop, DeliveryQueries delivery, SeriesStore store,
            io.pipewatch.signal.HistoryCache history, Leadership leadership) {
        this.leadership = leadership;
        this.history = history;
        this.config = config;
        this.loop = loop;
        this.delivery = delivery;
        this.store = store;
    }

    /**
     * A follower answers this itself only when it has no leader to ask: it polls and delivers nothing, so it shows no
     * sources or receivers, and it must not build delivery (which reads the groups' logs from the store) before it leads,
     * or it would start from what the store held then instead of at the takeover.
     */
    @GET
    public Status status() {
        boolean leads = leadership.leading();
        return new Status(config.mode().name().toLowerCase(), leads ? loop.statuses() : List.of(),
                leads ? delivery.status() : List.of(),
                new StoreStatus(store.keys().size(), store.datapointCount(), store.pointsPerSeries(),
                        SeriesStore.BYTES_PER_DATAPOINT), new HistoryStatus(history.reads(), history.shared()),
                leadership.status());
    }

    /**
     * @param history what charts of windows older than the store cost: {@code reads} sent to the source (each billed
     *     like a poll), {@code shared} views answered from a read already made
     * @param replica this replica: its id, whether it leads, who does and until when by the leader's clock
     */
    public record Status(String mode, List<SourceStatus> sources, List<DeliveryStatus> receivers, StoreStatus store,
            HistoryStatus history, ReplicaStatus replica) {
    }

    public record HistoryStatus(long reads, long shared) {
    }

    public record StoreStatus(int series, long datapoints, int pointsPerSeries, int bytesPerDatapoint) {
    }
}
