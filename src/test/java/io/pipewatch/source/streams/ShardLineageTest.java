package io.pipewatch.source.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Shard;

class ShardLineageTest {

    private static final Shard PARENT = Shard.builder().shardId("parent").build();
    private static final Shard CHILD_A = Shard.builder().shardId("a").parentShardId("parent").build();
    private static final Shard CHILD_B = Shard.builder().shardId("b").parentShardId("parent").build();
    private static final Shard ORPHAN = Shard.builder().shardId("orphan").parentShardId("aged-out").build();

    @Test
    void childrenWaitUntilTheirParentIsReadToItsEnd() {
        var shards = List.of(PARENT, CHILD_A, CHILD_B, ORPHAN);
        assertEquals(List.of(PARENT, ORPHAN), ShardLineage.readable(shards, Set.of()),
                "a parent no longer in the stream does not hold its child back");
        assertEquals(List.of(CHILD_A, CHILD_B, ORPHAN), ShardLineage.readable(shards, Set.of("parent")));
        assertEquals(List.of(CHILD_B), ShardLineage.readable(shards, Set.of("parent", "a", "orphan")));
    }
}
