package io.pipewatch.source.demo;

import static io.pipewatch.source.demo.DemoResources.INGEST_FUNCTION;
import static io.pipewatch.source.demo.DemoResources.ROLLUP_FUNCTION;

import io.pipewatch.signal.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Simulates the pipeline of DESIGN.md one 10-second step at a time: 15,000 devices put a record
 * every 90 s into a one-shard Kinesis stream; a Lambda reads batches of 100 and adds impressions
 * into DynamoDB per ad and event-time minute; a roll-up Lambda reads the table's stream. The
 * backlog is a queue of arrival times, so iterator age is the true age of the oldest unread record.
 */
final class DemoPipeline {

    static final Duration STEP = Duration.ofSeconds(10);
    static final int DEVICES = 15_000;
    static final double SEND_INTERVAL_SECONDS = 90;
    static final int SHARDS = 1;
    static final int BATCH_SIZE = 100;
    static final double TIMEOUT_MS = 15_000;
    static final int PARALLELIZATION = 2;
    static final double PROVISIONED_WCU = 50;
    static final int ADS = 10;
    /** In a storm, devices that lost their connection reconnect and flush their buffers at once. */
    static final double RECONNECT_BURST_PER_SECOND = 1_400;
    /** Events this far ahead of the watermark are device clock errors: the Lambda discards them. */
    static final long FUTURE_DISCARD_MS = 3_600_000;
    static final long ALLOWED_LATENESS_MS = 60_000;

    private final IncidentTimeline timeline;
    private final TrafficShape shape;
    private final Random random;
    private final MedianWatermark watermark = new MedianWatermark(ALLOWED_LATENESS_MS);
    private final String table;
    /** Unread records as {arrival epoch millis, count}, oldest first. */
    private final ArrayDeque<long[]> backlog = new ArrayDeque<>();
    private double stalledInvocationCarry;

    DemoPipeline(IncidentTimeline timeline, Duration dayLength, long seed, String table) {
        this.timeline = timeline;
        this.shape = new TrafficShape(dayLength);
        this.random = new Random(seed);
        this.table = table;
    }

    /** Simulates [at, at + STEP); {@code live} steps also aggregate the impressions to write. */
    DemoStep step(Instant at, boolean live) {
        double dt = STEP.toSeconds();
        long end = at.plus(STEP).toEpochMilli();
        boolean stalled = timeline.stalled(at);
        boolean storm = timeline.storm(at);
        boolean lateBurst = timeline.lateBurst(at);
        Map<SeriesKey, Double> m = new LinkedHashMap<>();

        // Devices → Kinesis: a shard takes 1,000 records/s or 1 MB/s, the rest is throttled.
        double rate = DEVICES / SEND_INTERVAL_SECONDS * shape.factor(at) + (storm ? RECONNECT_BURST_PER_SECOND : 0);
        long offered = Math.max(0, Math.round(rate * dt * (1 + 0.04 * random.nextGaussian())));
        double recordBytes = 1100 + 80 * random.nextGaussian();
        long capacity = (long) Math.min(SHARDS * 1000 * dt, SHARDS * 1_048_576 * dt / recordBytes);
        long accepted = Math.min(offered, capacity);
        backlog.addLast(new long[] {at.toEpochMilli() + STEP.toMillis() / 2, accepted});
        m.put(DemoResources.kinesis("IncomingRecords", "Sum"), (double) accepted);
        // What a model trained on normal days expects: the daily rhythm, with the send jitter as its deviation.
        double usual = DEVICES / SEND_INTERVAL_SECONDS * shape.factor(at) * dt;
        Map<SeriesKey, DemoStep.Expected> expected = Map.of(DemoResources.kinesis("IncomingRecords", "Sum"),
                new DemoStep.Expected(usual, 0.04 * usual));
        m.put(DemoResources.kinesis("IncomingBytes", "Sum"), Math.rint(accepted * recordBytes));
        m.put(DemoResources.kinesis("WriteProvisionedThroughputExceeded", "Sum"), (double) (offered - accepted));
        m.put(DemoResources.kinesis("ReadProvisionedThroughputExceeded", "Sum"), 0.0);
        m.put(DemoResources.kinesis("PutRecords.Latency", "Average"), jitter(storm ? 62 : 21, 0.15));

        // Kinesis → ingest Lambda: a poison record makes every invocation time out (stall).
        double medianMs = stalled ? TIMEOUT_MS : jitter(storm ? 190 : 110, 0.1);
        double invocations;
        long[] eventTimes;
        if (stalled) {
            stalledInvocationCarry += dt * 1000 / TIMEOUT_MS;
            invocations = Math.floor(stalledInvocationCarry);
            stalledInvocationCarry -= invocations;
            eventTimes = new long[0];
        } else {
            long canRead = (long) (SHARDS * PARALLELIZATION * BATCH_SIZE * dt * 1000 / (medianMs + 40));
            eventTimes = consume(canRead, lateBurst, end);
            invocations = Math.ceil((double) eventTimes.length / BATCH_SIZE);
        }
        double errors = stalled ? invocations : (random.nextDouble() < 0.02 ? 1 : 0);
        double throttles = storm ? Math.ceil(invocations * 0.3) : 0;
        double iteratorAge = backlog.isEmpty() ? jitter(medianMs + 300, 0.2) : end - backlog.peekFirst()[0];
        m.put(DemoResources.kinesis("GetRecords.IteratorAgeMilliseconds", "Maximum"), iteratorAge);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "IteratorAge", "Maximum"), iteratorAge);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Invocations", "Sum"), invocations);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Errors", "Sum"), errors);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Throttles", "Sum"), throttles);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Duration", "p50"), medianMs);
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Duration", "p90"), Math.min(TIMEOUT_MS, medianMs * 1.7));
        m.put(DemoResources.lambda(INGEST_FUNCTION, "Duration", "p99"), Math.min(TIMEOUT_MS, medianMs * 2.6));
        // A stalled consumer keeps one execution per shard busy retrying its poison batch.
        m.put(DemoResources.lambda(INGEST_FUNCTION, "ConcurrentExecutions", "Maximum"), stalled ? SHARDS
                : Math.min(SHARDS * PARALLELIZATION, Math.ceil(invocations * medianMs / (dt * 1000))));

        // Late logs, against the median event-time watermark of what was read.
        m.put(DemoResources.lateLogs("LogCount"), (double) eventTimes.length);
        m.put(DemoResources.lateLogs("LateLogCount"), (double) lateCount(eventTimes));

        // Ingest Lambda → DynamoDB: one UpdateItem ADD per ad and event-time minute in each batch.
        Map<DemoStep.ImpressionBucket, Long> impressions = live ? aggregate(eventTimes) : Map.of();
        // Each batch of 100 records spreads over every ad: one write per ad and batch.
        double writes = invocations * ADS;
        double allowed = PROVISIONED_WCU * dt;
        m.put(DemoResources.table(table, "ConsumedWriteCapacityUnits", "Sum"), Math.min(writes, allowed));
        m.put(DemoResources.table(table, "WriteThrottleEvents", "Sum"), Math.max(0, writes - allowed));
        m.put(DemoResources.tableOperation(table, "SuccessfulRequestLatency", "Average"), jitter(storm ? 11 : 4.5, 0.2));

        // DynamoDB Stream → roll-up Lambda.
        double rollupInvocations = Math.ceil(Math.min(writes, allowed) / 100);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Invocations", "Sum"), rollupInvocations);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Errors", "Sum"), 0.0);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Throttles", "Sum"), 0.0);
        double rollupMs = jitter(storm ? 420 : 240, 0.1);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Duration", "p50"), rollupMs);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Duration", "p90"), rollupMs * 1.5);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "Duration", "p99"), rollupMs * 2.2);
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "IteratorAge", "Maximum"), jitter(storm ? 9_000 : 700, 0.2));
        m.put(DemoResources.lambda(ROLLUP_FUNCTION, "ConcurrentExecutions", "Maximum"), 1.0);
        return new DemoStep(at, m, expected, impressions);
    }

    /** Reads up to {@code max} records from the backlog and gives each an event time as its device saw it. */
    private long[] consume(long max, boolean lateBurst, long now) {
        long available = Math.min(max, backlog.stream().mapToLong(c -> c[1]).sum());
        long buffered = lateBurst ? Math.round(available * 0.35) : 0;
        long[] times = new long[(int) (available + buffered)];
        long freshLeft = available;
        long bufferedLeft = buffered;
        for (int i = 0; i < times.length; i++) {
            // Flushed logs of reconnecting devices arrive interleaved with live traffic.
            if (random.nextDouble() * (freshLeft + bufferedLeft) < bufferedLeft) {
                times[i] = now - Duration.ofMinutes(5).toMillis() - (long) (random.nextDouble() * 15 * 60_000);
                bufferedLeft--;
                continue;
            }
            long[] chunk = backlog.peekFirst();
            times[i] = chunk[0] - 500 - random.nextInt(2500) + clockSkewMillis();
            freshLeft--;
            if (--chunk[1] == 0) {
                backlog.removeFirst();
            }
        }
        return times;
    }

    /** Each invocation judges its own batch against the batch's median, as the real Lambda does. */
    private int lateCount(long[] eventTimes) {
        int late = 0;
        for (int from = 0; from < eventTimes.length; from += BATCH_SIZE) {
            late += watermark.lateCount(Arrays.copyOfRange(eventTimes, from, Math.min(eventTimes.length, from + BATCH_SIZE)));
        }
        return late;
    }

    /** Most device clocks are close; 3 % are days ahead, 2 % a little behind. */
    private long clockSkewMillis() {
        double p = random.nextDouble();
        if (p < 0.03) {
            return (long) (3_600_000 + random.nextDouble() * 86_400_000);
        }
        if (p < 0.05) {
            return -(long) (random.nextDouble() * 30_000);
        }
        return (long) (random.nextGaussian() * 2_000);
    }

    private Map<DemoStep.ImpressionBucket, Long> aggregate(long[] eventTimes) {
        Map<DemoStep.ImpressionBucket, Long> out = new HashMap<>();
        if (eventTimes.length == 0) {
            return out;
        }
        long discardAfter = MedianWatermark.median(eventTimes) + FUTURE_DISCARD_MS;
        for (long t : eventTimes) {
            if (t > discardAfter) {
                continue;
            }
            var bucket = new DemoStep.ImpressionBucket("ad-" + random.nextInt(ADS),
                    Instant.ofEpochMilli(t).truncatedTo(ChronoUnit.MINUTES));
            out.merge(bucket, 1L, Long::sum);
        }
        return out;
    }

    private double jitter(double value, double relative) {
        return Math.max(0, value * (1 + relative * random.nextGaussian() / 2));
    }
}
