package io.pipewatch.source.streams;

import io.pipewatch.signal.Datapoint;
import io.pipewatch.signal.SeriesKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Sends the saturation series of completed periods to CloudWatch in batched PutMetricData calls
 * (at most 1,000 datums a call), each period once. A failed call is retried with the next batch, so
 * an outage delays datapoints rather than losing them (within the hour the periods are kept).
 */
final class SaturationPublisher implements AutoCloseable {

    static final int MAX_DATUMS_PER_CALL = 1000;

    private final CloudWatchClient cloudWatch;
    private final String namespace;
    private final Clock clock;
    private Instant publishedUpTo;

    SaturationPublisher(CloudWatchClient cloudWatch, String namespace, Clock clock) {
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
        this.clock = clock;
        this.publishedUpTo = clock.instant().minus(SaturationPeriods.RESOLUTION);
    }

    /** Publishes every period completed since the last successful call; returns the calls made. */
    int publish(List<SaturationPeriods> tables, StreamProblems problems) {
        // problems: the publisher's own status lines, not a table's
        Instant now = clock.instant();
        List<MetricDatum> datums = new ArrayList<>();
        for (SaturationPeriods periods : tables) {
            periods.completed(publishedUpTo, now, now).forEach((key, points) -> datums.addAll(datums(key, points)));
        }
        // Batches never split one period's datums, and each successful batch moves the mark: a failure
        // part-way resends only what was not accepted.
        datums.sort(java.util.Comparator.comparing(MetricDatum::timestamp));
        int calls = 0;
        try {
            int from = 0;
            while (from < datums.size()) {
                int to = Math.min(datums.size(), from + MAX_DATUMS_PER_CALL);
                while (to < datums.size() && to > from + 1 && datums.get(to).timestamp().equals(datums.get(to - 1).timestamp())) {
                    to--;
                }
                var batch = datums.subList(from, to);
                cloudWatch.putMetricData(p -> p.namespace(namespace).metricData(batch));
                calls++;
                publishedUpTo = batch.get(batch.size() - 1).timestamp().plus(SaturationPeriods.RESOLUTION);
                from = to;
            }
            problems.clear("publish");
        } catch (SdkException e) {
            problems.set("publish", "PutMetricData to CloudWatch failed, will retry: " + e.getMessage());
        }
        return calls;
    }

    @Override
    public void close() {
        cloudWatch.close();
    }

    /** {@code RecordAge} Maximum becomes {@code RecordAgeMaximum}; counts keep their names. */
    private List<MetricDatum> datums(SeriesKey key, List<Datapoint> points) {
        String statistic = key.statistic();
        boolean count = statistic.equals("Sum");
        String name = key.metric().name() + (count ? "" : Character.toUpperCase(statistic.charAt(0)) + statistic.substring(1));
        List<Dimension> dimensions = key.metric().dimensions().entrySet().stream()
                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
        List<MetricDatum> out = new ArrayList<>();
        for (Datapoint point : points) {
            out.add(MetricDatum.builder().metricName(name).dimensions(dimensions).timestamp(point.timestamp())
                    .value(point.value()).unit(count ? StandardUnit.COUNT : StandardUnit.MILLISECONDS).build());
        }
        return out;
    }

}
