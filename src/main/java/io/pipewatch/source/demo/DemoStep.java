package io.pipewatch.source.demo;

import io.pipewatch.signal.BandEdge;
import io.pipewatch.signal.SeriesKey;
import java.time.Instant;
import java.util.Map;

/**
 * What the simulated pipeline did in one step: its metrics, what the model expected of those it models (as
 * CloudWatch's anomaly detection would learn them), and the impressions it aggregated.
 */
record DemoStep(Instant at, Map<SeriesKey, Double> metrics, Map<SeriesKey, Expected> expected,
        Map<ImpressionBucket, Long> impressions) {

    /**
     * A series' value in this step: a metric's, or an edge of the band CloudWatch's model would draw around a
     * modelled metric (the expected value ± width standard deviations, never below 0); null when it has none.
     */
    Double value(SeriesKey key) {
        var band = BandEdge.of(key);
        if (band.isEmpty()) {
            return metrics.get(key);
        }
        Expected e = expected.get(band.get().of());
        if (e == null) {
            return null;
        }
        double offset = band.get().width() * e.deviation();
        return band.get().upper() ? e.mean() + offset : Math.max(0, e.mean() - offset);
    }

    /** The expected value of a metric in this step and its standard deviation. */
    record Expected(double mean, double deviation) {
    }

    /** One DynamoDB item the ingest Lambda adds to: an ad's impressions in one event-time minute. */
    record ImpressionBucket(String adId, Instant minute) {
    }
}
