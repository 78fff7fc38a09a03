package io.pipewatch.alert;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.ImpactMetrics;
import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.SeriesStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the forecasts Pipewatch writes after each poll ({@code Pipewatch/Impact}) for what an alert watches: an active
 * alert on a Kinesis stream (its iterator age, its throttles, or a forecast itself) shows when the stream starts
 * losing data and its consumer's headroom. A forecast older than {@link #FRESH} is stale: the age stopped growing, and nothing is predicted.
 */
@ApplicationScoped
public class ImpactForecasts {

    static final Duration FRESH = Duration.ofMinutes(2);

    private final SeriesStore store;

    public ImpactForecasts(SeriesStore store) {
        this.store = store;
    }

    /** The impact predicted for the alert at {@code now}; empty when it is not active or nothing is predicted. */
    public Optional<Impact> of(Alert alert, Instant now) {
        if (!alert.active()) {
            return Optional.empty();
        }
        // An alert on several streams shows the one that loses data first.
        return alert.subject().metrics().stream().map(ImpactForecasts::stream).flatMap(Optional::stream).distinct()
                .map(stream -> forecast(stream, now)).flatMap(Optional::stream)
                .min(java.util.Comparator.comparing(Impact::dataLossAt, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    }

    private Optional<Impact> forecast(String stream, Instant now) {
        Optional<Datapoint> loss = newest(ImpactMetrics.secondsToDataLoss(stream), now);
        Optional<Datapoint> headroom = newest(ImpactMetrics.throughputHeadroom(stream), now);
        return Optional.ofNullable(Impact.of(loss.map(Datapoint::timestamp).orElse(now),
                loss.map(p -> Duration.ofSeconds((long) p.value())).orElse(null), headroom.map(Datapoint::value).orElse(null)));
    }

    private Optional<Datapoint> newest(io.pipewatch.signal.SeriesKey key, Instant now) {
        List<Datapoint> points = store.range(key, now.minus(FRESH), now.plusSeconds(1));
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    private static Optional<String> stream(MetricId metric) {
        boolean kinesis = metric.namespace().equals("AWS/Kinesis") || metric.namespace().equals(ImpactMetrics.NAMESPACE);
        return kinesis ? Optional.ofNullable(metric.dimensions().get(ImpactMetrics.STREAM)) : Optional.empty();
    }
}
