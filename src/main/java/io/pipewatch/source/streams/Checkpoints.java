package io.pipewatch.source.streams;

import java.util.Map;

/**
 * Port: durable stream checkpoints. Per stream and shard, the last sequence number whose record was
 * counted, and whether the shard was read to its end, so a restarted Pipewatch resumes after the last
 * counted record: none skipped, none counted twice. Implemented on DynamoDB in {@code store}.
 */
public interface Checkpoints {

    /** A shard's checkpoint: the last counted sequence number (null when none), and whether it is finished. */
    record Checkpoint(String sequenceNumber, boolean finished) {
    }

    /** Every checkpoint of one stream, by shard id. */
    Map<String, Checkpoint> load(String streamArn);

    void save(String streamArn, String shardId, Checkpoint checkpoint);
}
