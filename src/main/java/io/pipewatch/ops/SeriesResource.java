package io.pipewatch.ops;

import io.pipewatch.signal.SeriesStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/series}: every stored series with the age of its newest point, stalest first —
 * where to look when a chart has gone flat or an alarm reports missing data.
 */
@Path("/api/series")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    private final SeriesStore store;
    private final Clock clock;

    public SeriesResource(SeriesStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** One series' freshness: its newest point and how many seconds old that is. */
    public record Freshness(String id, Instant newest, long ageSeconds) {
    }

    @GET
    public List<Freshness> list() {
        Instant now = clock.instant();
        return store.keys().stream()
                .map(key -> {
                    Instant newest = store.newest(key);
                    return new Freshness(key.id(), newest, newest == null ? -1 : Duration.between(newest, now).toSeconds());
                })
                .sorted(Comparator.comparingLong(Freshness::ageSeconds).reversed().thenComparing(Freshness::id))
                .toList();
    }
}
