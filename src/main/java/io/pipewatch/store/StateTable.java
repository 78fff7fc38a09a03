package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Pipewatch's small durable documents in one DynamoDB table ({@code pipewatch-state}): alert states,
 * notification logs, silences, SNS message ids. The partition key is the document's kind ({@code alert},
 * {@code silence}, …) and the sort key its id, so reading every document of a kind is one Query, however
 * many SNS message ids the table holds. Each item holds one JSON document and, for what may be forgotten,
 * an {@code expires} time (epoch seconds, the table's TTL attribute; also checked on read, since DynamoDB
 * deletes expired items only eventually).
 */
public class StateTable {

    public static final String DEFAULT_TABLE = "pipewatch-state";
    private static final String KIND = "kind";
    private static final String ID = "id";

    private final Supplier<DynamoDbClient> clients;
    private final String table;
    private final Clock clock;
    private volatile boolean ready;

    /** @param clients asked for on first use: a store that is down fails calls, not the start */
    public StateTable(Supplier<DynamoDbClient> clients, String table, Clock clock) {
        this.clients = clients;
        this.table = table;
        this.clock = clock;
    }

    /** @param expires when the document may be forgotten; null for never */
    public void put(String kind, String id, String json, Instant expires) {
        dynamoDb().putItem(p -> p.tableName(table).item(item(kind, id, json, expires)));
    }

    /** Writes the document unless it exists (and has not expired); false when it did. */
    public boolean putIfAbsent(String kind, String id, String json, Instant expires) {
        try {
            dynamoDb().putItem(p -> p.tableName(table).item(item(kind, id, json, expires))
                    .conditionExpression("attribute_not_exists(#k) OR #e < :now")
                    .expressionAttributeNames(Map.of("#k", KIND, "#e", DynamoDbTables.EXPIRES))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** The same write as {@link #put}, to go into a transaction with other writes. */
    public Put putRequest(String kind, String id, String json, Instant expires) {
        ensureTable();
        return Put.builder().tableName(table).item(item(kind, id, json, expires)).build();
    }

    /** The document, unless it is absent or expired. */
    public Optional<String> get(String kind, String id) {
        var item = dynamoDb().getItem(g -> g.tableName(table).consistentRead(true).key(key(kind, id))).item();
        return item == null || item.isEmpty() || expired(item) ? Optional.empty() : Optional.of(item.get("doc").s());
    }

    /** Every unexpired document of the kind, as id → JSON. */
    public Map<String, String> all(String kind) {
        DynamoDbClient dynamoDb = dynamoDb();
        Map<String, String> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#k = :k").expressionAttributeNames(Map.of("#k", KIND))
                    .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(kind))).exclusiveStartKey(start).build());
            page.items().stream().filter(i -> !expired(i)).forEach(i -> out.put(i.get(ID).s(), i.get("doc").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private boolean expired(Map<String, AttributeValue> item) {
        return item.containsKey(DynamoDbTables.EXPIRES)
                && Long.parseLong(item.get(DynamoDbTables.EXPIRES).n()) < clock.instant().getEpochSecond();
    }

    private static Map<String, AttributeValue> key(String kind, String id) {
        return Map.of(KIND, AttributeValue.fromS(kind), ID, AttributeValue.fromS(id));
    }

    private static Map<String, AttributeValue> item(String kind, String id, String json, Instant expires) {
        Map<String, AttributeValue> item = new HashMap<>(key(kind, id));
        item.put("doc", AttributeValue.fromS(json));
        if (expires != null) {
            item.put(DynamoDbTables.EXPIRES, AttributeValue.fromN(Long.toString(expires.getEpochSecond())));
        }
        return item;
    }

    private DynamoDbClient dynamoDb() {
        ensureTable();
        return clients.get();
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                DynamoDbTables.createIfAbsent(clients.get(), table, KIND, ID, null);
                DynamoDbTables.enableExpiry(clients.get(), table);
                ready = true;
            }
        }
    }
}
