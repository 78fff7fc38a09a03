package io.pipewatch.store;

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
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Pipewatch's small durable documents in one DynamoDB table ({@code pipewatch-state}): alert states,
 * the notification log, silences, SNS message ids. Keys carry their kind as a prefix
 * ({@code alert#…}); each item holds one JSON document and, for what may be forgotten, an
 * {@code expires} time (epoch seconds, the table's TTL attribute; also checked on read, since
 * DynamoDB deletes expired items only eventually and DynamoDB Local never does).
 */
public class StateTable {

    public static final String DEFAULT_TABLE = "pipewatch-state";
    private static final String KEY = "key";

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

    public String name() {
        return table;
    }

    public void put(String key, String json) {
        put(key, json, null);
    }

    /** @param expires when the document may be forgotten; null for never */
    public void put(String key, String json, Instant expires) {
        dynamoDb().putItem(p -> p.tableName(table).item(item(key, json, expires)));
    }

    /** Writes the document unless the key exists (and has not expired); false when it did. */
    public boolean putIfAbsent(String key, String json, Instant expires, Instant now) {
        try {
            dynamoDb().putItem(p -> p.tableName(table).item(item(key, json, expires))
                    .conditionExpression("attribute_not_exists(#k) OR #e < :now")
                    .expressionAttributeNames(Map.of("#k", KEY, "#e", DynamoDbTables.EXPIRES))
                    .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** The same write as {@link #put}, to go into a transaction with other writes. */
    public Put putRequest(String key, String json, Instant expires) {
        ensureTable();
        return Put.builder().tableName(table).item(item(key, json, expires)).build();
    }

    public Optional<String> get(String key) {
        var item = dynamoDb().getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(KEY, AttributeValue.fromS(key)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("doc").s());
    }

    public void delete(String key) {
        dynamoDb().deleteItem(d -> d.tableName(table).key(Map.of(KEY, AttributeValue.fromS(key))));
    }

    /**
     * Every unexpired document whose key starts with the prefix, as key → JSON; a scan, fine for the
     * hundreds this table holds.
     */
    public Map<String, String> all(String prefix) {
        DynamoDbClient dynamoDb = dynamoDb();
        Map<String, String> out = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamoDb.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("begins_with(#k, :p)").expressionAttributeNames(Map.of("#k", KEY))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))).exclusiveStartKey(start).build());
            long now = clock.instant().getEpochSecond();
            page.items().stream().filter(i -> !i.containsKey(DynamoDbTables.EXPIRES) || Long.parseLong(i.get(DynamoDbTables.EXPIRES).n()) >= now)
                    .forEach(i -> out.put(i.get(KEY).s(), i.get("doc").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private static Map<String, AttributeValue> item(String key, String json, Instant expires) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(key));
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
                DynamoDbTables.createIfAbsent(clients.get(), table, KEY, null, null);
                DynamoDbTables.enableExpiry(clients.get(), table);
                ready = true;
            }
        }
    }
}
