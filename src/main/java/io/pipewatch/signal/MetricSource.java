package io.pipewatch.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where metric datapoints come from: the simulated demo pipeline, or CloudWatch. Pipewatch polls
 * one source once per cycle for every series anything needs, so viewers never add source calls.
 * This is the port the poller declares: the sources in {@code source/*} implement it, so the arrow
 * points from source to signal only, as the data flows.
 */
public interface MetricSource {

    /** A short name for status pages and metrics, e.g. {@code demo} or {@code cloudwatch}. */
    String name();

    /**
     * Reads the wanted series for datapoints with from ≤ timestamp &lt; to. Series the source does
     * not know are simply absent from the answer.
     *
     * @throws SourceException when the source cannot answer; the poller records it as data
     */
    List<SeriesData> read(Set<SeriesKey> wanted, Instant from, Instant to) throws SourceException;

    /** Whether this source answers for a series; the poller asks it for those only. */
    default boolean serves(SeriesKey key) {
        return true;
    }

    /** How far back the first read reaches; null for the poller's default. */
    default Duration backfill() {
        return null;
    }

    /** How far behind now this source's data is complete; rules evaluate no later than that. */
    default Duration dataDelay() {
        return Duration.ZERO;
    }

    /** Least time between two polls of this source; null means every poll cycle. */
    default Duration pollInterval() {
        return null;
    }

    /** How far back each poll reads again, so late datapoints fill in. */
    default Duration reread() {
        return Duration.ofMinutes(2);
    }

    /** What this source's last poll plan costs, when it bills per request (CloudWatch). */
    default java.util.Optional<PollingCost> cost() {
        return java.util.Optional.empty();
    }

    /**
     * Datapoints older than the poller keeps, at {@code period} (a chart's resolution), for a window someone opened;
     * none by default (the demo simulates only its recent past). Called through {@link HistoryCache}, which shares
     * one read among every viewer of a window.
     */
    default List<SeriesData> history(Set<SeriesKey> wanted, Instant from, Instant to, Duration period) throws SourceException {
        return List.of();
    }

    /** Standing problems worth a line on the status page (a table without a stream…), even while reads succeed. */
    default List<String> notes() {
        return List.of();
    }
}
