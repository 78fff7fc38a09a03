package io.pipewatch.incident;

import java.time.Duration;

/**
 * What bounds a stage's throughput and its patience, as a dashboard file states it: a Kinesis stream's
 * {@code retention} and {@code shards}, and a consuming Lambda's {@code batchSize}. The defaults are AWS's: 24 hours,
 * one shard, batches of 100.
 */
public record StageCapacity(Duration retention, int shards, int batchSize) {

    public static final StageCapacity DEFAULT = new StageCapacity(Duration.ofHours(24), 1, 100);

    public StageCapacity withRetention(Duration r) {
        return new StageCapacity(r, shards, batchSize);
    }

    public StageCapacity withShards(int s) {
        return new StageCapacity(retention, s, batchSize);
    }

    public StageCapacity withBatchSize(int b) {
        return new StageCapacity(retention, shards, b);
    }
}
