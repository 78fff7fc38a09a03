package io.pipewatch.signal;

import io.pipewatch.config.PipewatchConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory series store every reader shares: rules and dashboards read it, only the poller
 * writes it, so viewers never cause source calls. Each series keeps at most
 * {@code pipewatch.store.points-per-series} points (16 bytes each).
 */
@ApplicationScoped
public class SeriesStore {

    public static final int BYTES_PER_DATAPOINT = Long.BYTES + Double.BYTES;

    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Instant> completeTo = new ConcurrentHashMap<>();
    private final int pointsPerSeries;

    @jakarta.inject.Inject
    public SeriesStore(PipewatchConfig config) {
        this(config.store().pointsPerSeries());
    }

    public SeriesStore(int pointsPerSeries) {
        this.pointsPerSeries = pointsPerSeries;
    }

    public void put(SeriesKey key, Datapoint point) {
        series.computeIfAbsent(key, k -> new Series(pointsPerSeries))
                .put(point.timestamp().toEpochMilli(), point.value());
    }

    /** Points of one series with from ≤ timestamp < to, oldest first; empty when unknown. */
    public List<Datapoint> range(SeriesKey key, Instant from, Instant to) {
        Series s = series.get(key);
        return s == null ? List.of() : s.range(from.toEpochMilli(), to.toEpochMilli());
    }

    /** Timestamp of the newest point of a series, or null when it has none. */
    public Instant newest(SeriesKey key) {
        Series s = series.get(key);
        return s == null ? null : s.newest();
    }

    /** Records that the series' source has delivered everything up to {@code at} (CloudWatch lags minutes). */
    public void markComplete(SeriesKey key, Instant at) {
        completeTo.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How far the series is known complete, when its source said so. */
    public java.util.Optional<Instant> completeTo(SeriesKey key) {
        return java.util.Optional.ofNullable(completeTo.get(key));
    }

    public Set<SeriesKey> keys() {
        return Set.copyOf(series.keySet());
    }

    public long datapointCount() {
        return series.values().stream().mapToLong(Series::size).sum();
    }

    public int pointsPerSeries() {
        return pointsPerSeries;
    }
}
