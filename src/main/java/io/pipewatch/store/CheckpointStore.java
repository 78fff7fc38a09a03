package io.pipewatch.store;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Durable stream checkpoints: per stream and shard, the last sequence number whose record was
 * counted, and whether the shard was read to its end. Kept in a DynamoDB table so a restarted
 * Pipewatch resumes after the last counted record: none skipped, none counted twice.
 */
public class CheckpointStore {

    public static final String DEFAULT_TABLE = "pipewatch-checkpoints";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private volatile boolean ready;

    public CheckpointStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** A shard's checkpoint: the last counted sequence number (null when none), and whether it is finished. */
    public record Checkpoint(String sequenceNumber, boolean finished) {
    }

    /** Every checkpoint of one stream, by shard id. */
    public Map<String, Checkpoint> load(String streamArn) {
        ensureTable();
        Map<String, Checkpoint> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamoDb.query(QueryRequest.builder().tableName(table)
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
        dynamoDb.putItem(p -> p.tableName(table).item(item));
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            DynamoDbTables.createIfAbsent(dynamoDb, table, "stream", "shard", null);
            ready = true;
        }
    }
}
