package io.pipewatch.source.streams;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Shard;

/**
 * Decides which shards may be read now: a child shard only once its parent has been read to its
 * end (or the parent has aged out of the stream), so records of one item are seen in order.
 */
final class ShardLineage {

    private ShardLineage() {
    }

    static List<Shard> readable(List<Shard> shards, Set<String> finished) {
        Set<String> present = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        return shards.stream()
                .filter(s -> !finished.contains(s.shardId()))
                .filter(s -> s.parentShardId() == null || !present.contains(s.parentShardId())
                        || finished.contains(s.parentShardId()))
                .toList();
    }

    static boolean closed(Shard shard) {
        return shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
    }
}
