package io.pipewatch.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Consistent reads of single items that many threads make at once, asked together: one {@code BatchGetItem} of up to
 * 100 keys instead of a round trip each. Every new SNS message asks whether its id was handled before; in a storm
 * those reads queued one by one on DynamoDB Local's single SQLite thread.
 */
final class GroupRead {

    /** DynamoDB's limit of keys per BatchGetItem. */
    static final int MAX_KEYS = 100;
    /** Rounds for keys DynamoDB left unanswered (it is throttling) before the batch fails, as a single read would. */
    private static final int MAX_ROUNDS = 8;

    private final Supplier<DynamoDbClient> clients;
    private final String table;
    private final Batcher<Map<String, AttributeValue>, Optional<Map<String, AttributeValue>>> batcher;

    GroupRead(Supplier<DynamoDbClient> clients, String table) {
        this.clients = clients;
        this.table = table;
        this.batcher = new Batcher<>("pipewatch-store-read-" + table, this::read, (batch, next) -> batch.size() < MAX_KEYS);
    }

    /** The item with this key, read after every write that completed before the call; empty when there is none. */
    CompletableFuture<Optional<Map<String, AttributeValue>>> get(Map<String, AttributeValue> key) {
        return batcher.submit(key);
    }

    private List<Optional<Map<String, AttributeValue>>> read(List<Map<String, AttributeValue>> keys) {
        DynamoDbClient dynamoDb = clients.get();
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> found = new HashMap<>();
        // BatchGetItem refuses a key named twice, and may leave some unanswered (throttling): those are asked again.
        Set<Map<String, AttributeValue>> asked = new LinkedHashSet<>(keys);
        for (int round = 0; !asked.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException(asked.size() + " of " + keys.size() + " reads left unanswered by the store");
            }
            var answer = dynamoDb.batchGetItem(b -> b.requestItems(Map.of(table,
                    KeysAndAttributes.builder().consistentRead(true).keys(asked).build())));
            answer.responses().getOrDefault(table, List.of()).forEach(item -> found.put(StateTable.keyOf(item), item));
            KeysAndAttributes left = answer.unprocessedKeys().get(table);
            asked.clear();
            if (left != null) {
                asked.addAll(left.keys());
            }
        }
        List<Optional<Map<String, AttributeValue>>> out = new ArrayList<>();
        keys.forEach(k -> out.add(Optional.ofNullable(found.get(k))));
        return out;
    }
}
