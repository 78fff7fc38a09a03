package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
public class StateTable implements Documents {

    public static final String DEFAULT_TABLE = "pipewatch-state";
    static final String KIND = "kind";
    static final String ID = "id";
    static final String DOC = "doc";

    private final Supplier<DynamoDbClient> clients;
    private final String table;
    private final Clock clock;
    private final GroupCommit commits;
    private final GroupRead reads;
    private volatile boolean ready;

    /** @param clients asked for on first use: a store that is down fails calls, not the start */
    public StateTable(Supplier<DynamoDbClient> clients, String table, Clock clock) {
        this.clients = clients;
        this.table = table;
        this.clock = clock;
        this.commits = new GroupCommit(clients, table);
        this.reads = new GroupRead(clients, table);
    }

    /**
     * Writes the document and returns once it is durable, committed with what other threads write meanwhile
     * ({@link GroupCommit}).
     *
     * @param expires when the document may be forgotten; null for never
     * @throws RuntimeException the store's failure
     */
    public void put(String kind, String id, String json, Instant expires) {
        joined(putInOrder(kind, id, json, expires));
    }

    /**
     * Hands the write in without waiting: it is committed after every write handed in before it, and the future
     * completes when it is durable (or with the store's failure). For a writer that decides under a lock and must
     * not hold the lock while the store answers, yet needs its writes of one document to land in order.
     */
    public CompletableFuture<Void> putInOrder(String kind, String id, String json, Instant expires) {
        return commits.put(putRequest(kind, id, json, expires));
    }

    /** The same write as {@link #put}, to go into a transaction with other writes. */
    public Put putRequest(String kind, String id, String json, Instant expires) {
        ensureTable();
        return Put.builder().tableName(table).item(item(kind, id, json, expires)).build();
    }

    /** The document, unless it is absent or expired; asked with what other threads read meanwhile ({@link GroupRead}). */
    public Optional<String> get(String kind, String id) {
        return joined(read(kind, id));
    }

    /** {@link #get} without waiting: answered with the reads queued with it. */
    CompletableFuture<Optional<String>> read(String kind, String id) {
        ensureTable();
        return reads.get(key(kind, id)).thenApply(found -> found.filter(item -> !expired(item)).map(item -> item.get(DOC).s()));
    }

    /** What a batched request answered, or the store's own failure (not wrapped), as a direct call would throw it. */
    private static <T> T joined(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Forgets the document (nothing happens when there is none). */
    public void delete(String kind, String id) {
        dynamoDb().deleteItem(d -> d.tableName(table).key(key(kind, id)));
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
            page.items().stream().filter(i -> !expired(i)).forEach(i -> out.put(i.get(ID).s(), i.get(DOC).s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }

    private boolean expired(Map<String, AttributeValue> item) {
        return item.containsKey(DynamoDbTables.EXPIRES)
                && Long.parseLong(item.get(DynamoDbTables.EXPIRES).n()) < clock.instant().getEpochSecond();
    }

    /** The key of a stored item: what identifies it in a batch. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return Map.of(KIND, item.get(KIND), ID, item.get(ID));
    }

    private static Map<String, AttributeValue> key(String kind, String id) {
        return Map.of(KIND, AttributeValue.fromS(kind), ID, AttributeValue.fromS(id));
    }

    private static Map<String, AttributeValue> item(String kind, String id, String json, Instant expires) {
        Map<String, AttributeValue> item = new HashMap<>(key(kind, id));
        item.put(DOC, AttributeValue.fromS(json));
        if (expires != null) {
            item.put(DynamoDbTables.EXPIRES, AttributeValue.fromN(Long.toString(expires.getEpochSecond())));
        }
        return item;
    }

    /** The table's name, for writes that go into a transaction with others. */
    String table() {
        return table;
    }

    /** The client, the table made sure of first: for items that are not JSON documents (the lease). */
    DynamoDbClient client() {
        return dynamoDb();
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
