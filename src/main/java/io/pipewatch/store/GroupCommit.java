package io.pipewatch.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Writes that many threads make at once, committed together: one {@code TransactWriteItems} of up to 100 puts instead
 * of a round trip each. A storm of SNS alarms makes three writes per message (its alert, its incident, its message
 * id), each to be durable before SNS gets its 200; one by one, DynamoDB Local takes about 250 a second, in
 * transactions of 100 about 2,000–3,000 (docs/performance.md).
 *
 * <p>One thread commits, one transaction at a time, in the order the writes were handed in ({@link Batcher}): when a
 * write is durable, so is every write handed in before it, and two writes of one item land in their order (the later
 * one is written; a transaction may not name an item twice).
 */
final class GroupCommit {

    /** DynamoDB's limit of items per transaction. */
    static final int MAX_ITEMS = 100;
    /** Below DynamoDB's 4 MB per transaction, with room for keys and names. */
    static final int MAX_DOCUMENT_CHARS = 3_000_000;

    private final Supplier<DynamoDbClient> clients;
    /** Per write, its failure, or null once it is durable. */
    private final Batcher<Put, RuntimeException> batcher;

    GroupCommit(Supplier<DynamoDbClient> clients, String table) {
        this.clients = clients;
        this.batcher = new Batcher<>("pipewatch-store-commit-" + table, this::commit,
                (batch, next) -> batch.size() < MAX_ITEMS
                        && batch.stream().mapToInt(GroupCommit::chars).sum() + chars(next) <= MAX_DOCUMENT_CHARS);
    }

    /** Completes when the put is durable, or exceptionally with the store's failure. */
    CompletableFuture<Void> put(Put put) {
        return batcher.submit(put).thenApply(failure -> {
            if (failure != null) {
                throw failure;
            }
            return null;
        });
    }

    private List<RuntimeException> commit(List<Put> batch) {
        Map<Map<String, AttributeValue>, Put> latest = new LinkedHashMap<>();
        batch.forEach(put -> latest.put(StateTable.keyOf(put.item()), put));
        DynamoDbClient dynamoDb = clients.get();
        if (latest.size() == 1) {
            Put only = latest.values().iterator().next();
            dynamoDb.putItem(p -> p.tableName(only.tableName()).item(only.item()));
            return Collections.nCopies(batch.size(), null);
        }
        try {
            dynamoDb.transactWriteItems(t -> t.transactItems(latest.values().stream()
                    .map(put -> TransactWriteItem.builder().put(put).build()).toList()));
        } catch (DynamoDbException refused) {
            if (refused.statusCode() != 400) {
                throw refused;
            }
            // The store refused the transaction for what is in it (an item too large, say): a transaction is all or
            // nothing, so one bad write would fail every other writer's. Each is written on its own instead, in order.
            return batch.stream().map(put -> alone(dynamoDb, put)).toList();
        }
        readBack(dynamoDb, batch.get(batch.size() - 1));
        return Collections.nCopies(batch.size(), null);
    }

    private static RuntimeException alone(DynamoDbClient dynamoDb, Put put) {
        try {
            dynamoDb.putItem(p -> p.tableName(put.tableName()).item(put.item()));
            return null;
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    /**
     * DynamoDB Local (2.6.1) answers TransactWriteItems before its SQLite COMMIT ran, and a SIGKILL in that moment
     * rolls the transaction back at the next start (see {@link DynamoDbOutbox#add}). Its one SQLite thread runs
     * requests in order, so when a consistent read after the transaction answers, the transaction is on disk. On
     * DynamoDB it is one read per transaction of up to 100 writes.
     */
    private static void readBack(DynamoDbClient dynamoDb, Put last) {
        var stored = dynamoDb.getItem(g -> g.tableName(last.tableName()).consistentRead(true)
                .key(StateTable.keyOf(last.item())));
        if (!stored.hasItem() || stored.item().isEmpty()) {
            throw new IllegalStateException("a committed write was not readable right after its transaction");
        }
    }

    private static int chars(Put put) {
        AttributeValue doc = put.item().get(StateTable.DOC);
        return doc == null || doc.s() == null ? 0 : doc.s().length();
    }
}
