package io.pipewatch.signal;

import java.util.Map;

/**
 * The series Pipewatch predicts from others, named like CloudWatch metrics so that charts and alarms read them as
 * any other: {@code SecondsToDataLoss} is how long until a Kinesis stream's oldest unread record passes the stream's
 * retention, at the rate its iterator age grows now (no point while the age does not grow); {@code ThroughputHeadroom}
 * how many times what comes in its consumer could drain (below 1 it falls behind).
 */
public final class ImpactMetrics {

    public static final String NAMESPACE = "Pipewatch/Impact";
    public static final String SECONDS_TO_DATA_LOSS = "SecondsToDataLoss";
    public static final String THROUGHPUT_HEADROOM = "ThroughputHeadroom";
    public static final String STREAM = "StreamName";

    private ImpactMetrics() {
    }

    public static SeriesKey throughputHeadroom(String stream) {
        return new SeriesKey(MetricId.of(NAMESPACE, THROUGHPUT_HEADROOM, Map.of(STREAM, stream)), "Minimum");
    }

    public static SeriesKey secondsToDataLoss(String stream) {
        return new SeriesKey(MetricId.of(NAMESPACE, SECONDS_TO_DATA_LOSS, Map.of(STREAM, stream)), "Minimum");
    }
}
