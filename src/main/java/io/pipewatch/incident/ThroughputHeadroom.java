package io.pipewatch.incident;

import io.pipewatch.signal.Datapoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How much more a Kinesis stream's consumer could drain than comes in: its capacity, shards × batch size ÷ the
 * consumer's median duration (one batch per shard at a time, Lambda's default), divided by the incoming records per
 * second, both over the last {@link #WINDOW}. Above 1 the consumer keeps up with room to spare; below 1 it falls
 * behind, and the iterator age grows.
 */
public final class ThroughputHeadroom {

    static final Duration WINDOW = Duration.ofMinutes(5);

    private ThroughputHeadroom() {
    }

    /**
     * @param incoming the stream's IncomingRecords sums, one per period
     * @param durationsMs the consumer's median Duration per period (ms)
     * @return capacity ÷ incoming; empty when nothing comes in or the consumer has no duration to judge by
     */
    public static Optional<Double> of(List<Datapoint> incoming, List<Datapoint> durationsMs, StageCapacity stream,
            StageCapacity consumer, Instant now) {
        Instant from = now.minus(WINDOW);
        double records = incoming.stream().filter(p -> inWindow(p, from, now)).mapToDouble(Datapoint::value).sum();
        double perSecond = records / WINDOW.toSeconds();
        var durations = durationsMs.stream().filter(p -> inWindow(p, from, now)).mapToDouble(Datapoint::value)
                .filter(d -> Double.isFinite(d) && d > 0).average();
        if (!(perSecond > 0) || durations.isEmpty()) {
            return Optional.empty();
        }
        double capacity = stream.shards() * (double) consumer.batchSize() / (durations.getAsDouble() / 1000);
        return Optional.of(capacity / perSecond);
    }

    private static boolean inWindow(Datapoint p, Instant from, Instant now) {
        return !p.timestamp().isBefore(from) && p.timestamp().isBefore(now) && Double.isFinite(p.value());
    }
}
