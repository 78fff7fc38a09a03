package io.pipewatch.source.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The checkpoint port in memory; {@link CheckpointsContract} holds it to the DynamoDB table's behaviour. */
public final class InMemoryCheckpoints implements Checkpoints {

    private final Map<String, Map<String, Checkpoint>> streams = new ConcurrentHashMap<>();

    @Override
    public Map<String, Checkpoint> load(String streamArn) {
        return new HashMap<>(streams.getOrDefault(streamArn, Map.of()));
    }

    @Override
    public void save(String streamArn, String shardId, Checkpoint checkpoint) {
        streams.computeIfAbsent(streamArn, s -> new ConcurrentHashMap<>()).put(shardId, checkpoint);
    }
}
