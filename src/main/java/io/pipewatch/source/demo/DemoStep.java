package io.pipewatch.source.demo;

import io.pipewatch.signal.SeriesKey;
import java.time.Instant;
import java.util.Map;

/** What the simulated pipeline did in one step: its metrics, and the impressions it aggregated. */
record DemoStep(Instant at, Map<SeriesKey, Double> metrics, Map<ImpressionBucket, Long> impressions) {

    /** One DynamoDB item the ingest Lambda adds to: an ad's impressions in one event-time minute. */
    record ImpressionBucket(String adId, Instant minute) {
    }
}
