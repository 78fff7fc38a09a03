package io.pipewatch.signal;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Windows older than the poller keeps, read from the source once per (series, window, resolution) and shared: 50 people
 * opening the same 7-day range, and the API, cost the calls of one. A window is widened to whole periods, so nearby
 * requests (a live window moving on by seconds) land on the same entry until a period passes. The resolution fits a
 * chart ({@link #MAX_POINTS} points at most) and CloudWatch's retention: 1-minute data for 15 days, 5-minute for 63,
 * hourly after that. Bounded to {@link #ENTRIES} windows, least recently used forgotten first.
 */
@ApplicationScoped
public class HistoryCache {

    static final int MAX_POINTS = 1440;
    static final int ENTRIES = 64;

    /** One window as asked of the source. */
    record Window(Set<String> series, Instant from, Instant to, Duration period) {
    }

    private final List<MetricSource> sources;
    private final Map<Window, CompletableFuture<Map<SeriesKey, List<Datapoint>>>> windows =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Window, CompletableFuture<Map<SeriesKey, List<Datapoint>>>> eldest) {
                    return size() > ENTRIES;
                }
            };
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();

    @jakarta.inject.Inject
    public HistoryCache(Instance<MetricSource> sources) {
        this(sources.stream().toList());
    }

    public HistoryCache(List<MetricSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** The period of a window's points: CloudWatch's finest still kept for its start, coarser when it is wide. */
    public static Duration periodFor(Instant from, Instant to, Instant now) {
        Duration age = Duration.between(from, now);
        long finest = age.compareTo(Duration.ofDays(15)) <= 0 ? 60 : age.compareTo(Duration.ofDays(63)) <= 0 ? 300 : 3600;
        long wide = Duration.between(from, to).toSeconds() / MAX_POINTS;
        long seconds = Math.max(finest, (wide + finest - 1) / finest * finest);
        return Duration.ofSeconds(seconds);
    }

    /**
     * The points of {@code keys} in [from, to), from the source that serves each, at {@link #periodFor}; empty for a
     * source that keeps no history. A failed read is logged and answered empty, and not kept, so the next viewer tries.
     */
    public Map<SeriesKey, List<Datapoint>> read(Set<SeriesKey> keys, Instant from, Instant to, Instant now) {
        if (keys.isEmpty() || !to.isAfter(from)) {
            return Map.of();
        }
        Duration period = periodFor(from, to, now);
        long p = period.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), p) * p);
        Instant end = Instant.ofEpochMilli(Math.floorDiv(to.toEpochMilli() + p - 1, p) * p);
        Window window = new Window(keys.stream().map(SeriesKey::id).collect(Collectors.toCollection(TreeSet::new)), start, end, period);
        CompletableFuture<Map<SeriesKey, List<Datapoint>>> mine = new CompletableFuture<>();
        CompletableFuture<Map<SeriesKey, List<Datapoint>>> existing;
        synchronized (windows) {
            existing = windows.putIfAbsent(window, mine);
        }
        if (existing != null) {
            shared.incrementAndGet();
            return existing.join();
        }
        try {
            Map<SeriesKey, List<Datapoint>> out = fetch(keys, start, end, period);
            mine.complete(out);
            return out;
        } catch (SourceException | RuntimeException e) {
            Log.warnf("Cannot read %s to %s from the source for a chart: %s", start, end, e.getMessage());
            synchronized (windows) {
                windows.remove(window);
            }
            mine.complete(Map.of());
            return Map.of();
        }
    }

    private Map<SeriesKey, List<Datapoint>> fetch(Set<SeriesKey> keys, Instant from, Instant to, Duration period)
            throws SourceException {
        Map<SeriesKey, List<Datapoint>> out = new HashMap<>();
        for (MetricSource source : sources) {
            Set<SeriesKey> served = keys.stream().filter(source::serves).collect(Collectors.toSet());
            if (served.isEmpty()) {
                continue;
            }
            reads.incrementAndGet();
            for (SeriesData data : source.history(served, from, to, period)) {
                out.put(data.key(), new ArrayList<>(data.points()));
            }
        }
        return out;
    }

    /** Reads sent to sources for windows, and requests answered from a read already made. */
    public long reads() {
        return reads.get();
    }

    public long shared() {
        return shared.get();
    }
}
