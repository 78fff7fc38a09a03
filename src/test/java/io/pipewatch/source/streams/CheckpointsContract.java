package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.source.streams.Checkpoints.Checkpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link Checkpoints} does, run against DynamoDB Local and the in-memory one. */
public abstract class CheckpointsContract {

    protected abstract Checkpoints newCheckpoints();

    private static final String STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-12-04T00:00:00.000";

    @Test
    void eachShardKeepsItsLatestCheckpointPerStream() {
        Checkpoints checkpoints = newCheckpoints();
        checkpoints.save(STREAM, "shard-1", new Checkpoint(null, false));
        checkpoints.save(STREAM, "shard-1", new Checkpoint("000000000000000000042", false));
        checkpoints.save(STREAM, "shard-2", new Checkpoint("000000000000000000007", true));
        checkpoints.save(STREAM + "-other", "shard-1", new Checkpoint("1", true));
        assertEquals(Map.of("shard-1", new Checkpoint("000000000000000000042", false),
                "shard-2", new Checkpoint("000000000000000000007", true)), checkpoints.load(STREAM));
        assertEquals(Map.of(), checkpoints.load("arn:unknown"));
    }

    @Test
    void aShardReadToItsEndWithoutRecordsHasNoSequenceNumber() {
        Checkpoints checkpoints = newCheckpoints();
        checkpoints.save(STREAM, "shard-1", new Checkpoint(null, true));
        assertEquals(Map.of("shard-1", new Checkpoint(null, true)), checkpoints.load(STREAM));
    }
}
