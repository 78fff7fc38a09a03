package io.pipewatch.source.streams;

import java.util.Map;

/**
 * Port: durable stream checkpoints. Per stream and shard, the last sequence number whose record was
 * counted (before any is, the last one already in the shard when tailing began there, or none: from the
 * shard's start), and whether the shard was read to its end, so a restarted Pipewatch resumes after the
 * last counted record: none skipped, none counted twice. Implemented on DynamoDB in {@code store}.
 */
public interface Checkpoints {

    /** A shard's checkpoint: the sequence number to resume after (null: the shard's start), and whether it is finished. */
    record Checkpoint(String sequenceNumber, boolean finished) {
    }

    /** Every checkpoint of one stream, by shard id. */
    Map<String, Checkpoint> load(String streamArn);

    void save(String streamArn, String shardId, Checkpoint checkpoint);
}
