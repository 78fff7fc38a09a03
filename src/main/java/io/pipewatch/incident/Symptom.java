package io.pipewatch.incident;

import io.pipewatch.signal.MetricId;
import io.pipewatch.signal.StreamMetrics;
import java.util.List;
import java.util.Map;

/**
 * The kind of trouble an alarm reports, read from the metric it watches: what the cause rules reason with. An
 * expression (errors ÷ invocations) reports the kind of its first telling metric.
 */
public enum Symptom {
    /** Records wait: a stream's iterator age, how far behind Pipewatch reads a DynamoDB Stream. */
    BACKLOG,
    /**
     * Writes land in old time buckets: a DynamoDB Stream's saturation (records over the age threshold) and record
     * age. Not a backlog: more traffic does not make writes old, late data does.
     */
    STALE_WRITES,
    ERRORS,
    THROTTLES,
    DURATION,
    /** More comes in than the stage accepts: a stream's write throughput exceeded. */
    SURGE,
    /** Logs arrive behind the event-time watermark. */
    LATE_DATA,
    /**
     * A composite alarm: it says other alarms fire together, so it joins their incident but never causes it while one
     * of them is there to be the cause.
     */
    SUMMARY,
    OTHER;

    private static final Map<String, Symptom> BY_METRIC = Map.ofEntries(
            Map.entry("GetRecords.IteratorAgeMilliseconds", BACKLOG),
            Map.entry("IteratorAge", BACKLOG),
            Map.entry(StreamMetrics.RECORDS_OVER_THRESHOLD, STALE_WRITES),
            Map.entry(StreamMetrics.READ_LAG, BACKLOG),
            Map.entry(StreamMetrics.RECORD_AGE, STALE_WRITES),
            Map.entry("Errors", ERRORS),
            Map.entry("DeadLetterErrors", ERRORS),
            Map.entry("SystemErrors", ERRORS),
            Map.entry("Throttles", THROTTLES),
            Map.entry("ReadProvisionedThroughputExceeded", THROTTLES),
            Map.entry("WriteThrottleEvents", THROTTLES),
            Map.entry("ReadThrottleEvents", THROTTLES),
            Map.entry("ThrottledRequests", THROTTLES),
            Map.entry("Duration", DURATION),
            Map.entry("SuccessfulRequestLatency", DURATION),
            Map.entry("WriteProvisionedThroughputExceeded", SURGE),
            Map.entry("PutRecords.ThrottledRecords", SURGE),
            Map.entry("LateLogCount", LATE_DATA));

    /** The symptom of the first metric that tells one; {@link #OTHER} when none does. */
    public static Symptom of(List<MetricId> metrics) {
        return metrics.stream().map(m -> BY_METRIC.getOrDefault(m.name(), OTHER)).filter(s -> s != OTHER)
                .findFirst().orElse(OTHER);
    }
}
