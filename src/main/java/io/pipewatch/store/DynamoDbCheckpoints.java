package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.source.streams.Checkpoints;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Stream checkpoints in a DynamoDB table ({@code pipewatch-checkpoints}): partition stream ARN, sort shard id. */
public class DynamoDbCheckpoints implements Checkpoints {

    public static final String DEFAULT_TABLE = "pipewatch-checkpoints";

    private final java.util.function.Supplier<DynamoDbClient> clients;
    private final String table;
    private final Clock clock;
    private volatile boolean ready;

    /** @param clients asked for on first use: a store that is down fails calls, not the start */
    public DynamoDbCheckpoints(java.util.function.Supplier<DynamoDbClient> clients, String table, Clock clock) {
        this.clients = clients;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Map<String, Checkpoint> load(String streamArn) {
        ensureTable();
        Map<String, Checkpoint> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = clients.get().query(QueryRequest.builder().tableName(table)
                    .keyConditionExpression("#stream = :s")
                    .expressionAttributeNames(Map.of("#stream", "stream")) // a reserved word in DynamoDB
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(streamArn)))
                    .exclusiveStartKey(start).consistentRead(true).build());
            for (var item : page.items()) {
                out.put(item.get("shard").s(), new Checkpoint(
                        item.containsKey("sequenceNumber") ? item.get("sequenceNumber").s() : null,
                        item.containsKey("finished") && item.get("finished").bool()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    @Override
    public void save(String streamArn, String shardId, Checkpoint checkpoint) {
        ensureTable();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("stream", AttributeValue.fromS(streamArn));
        item.put("shard", AttributeValue.fromS(shardId));
        item.put("finished", AttributeValue.fromBool(checkpoint.finished()));
        item.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        if (checkpoint.sequenceNumber() != null) {
            item.put("sequenceNumber", AttributeValue.fromS(checkpoint.sequenceNumber()));
        }
        clients.get().putItem(p -> p.tableName(table).item(item));
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            DynamoDbTables.createIfAbsent(clients.get(), table, "stream", "shard", null);
            ready = true;
        }
    }
}
