package io.pipewatch.store;

import io.pipewatch.aws.AwsProblems;
import io.pipewatch.replica.Fence;
import io.pipewatch.replica.Lease;
import io.pipewatch.replica.LeaseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The lease on the state table, one item (kind {@code lease}, id {@code leader}) whose holder, token and version are
 * attributes of their own, so that a write can be conditional on them: the replica that takes or renews it, and the
 * outbox's fenced writes ({@link #check}), which DynamoDB refuses in the same transaction once another replica holds it.
 */
public class StateTableLeaseStore implements LeaseStore {

    static final String KIND = "lease";
    static final String ID = "leader";
    private static final String HOLDER = "holder";
    private static final String TOKEN = "token";
    private static final String VERSION = "version";
    private static final String DURATION_MS = "durationMs";
    private static final String EXPIRES_AT_MS = "expiresAtMs";
    private static final String URL = "url";

    private final StateTable state;

    public StateTableLeaseStore(StateTable state) {
        this.state = state;
    }

    @Override
    public Optional<Lease> read() {
        try {
            return readStored();
        } catch (SdkClientException e) {
            throw new IllegalStateException(AwsProblems.clientProblem(e, "DynamoDB"), e);
        }
    }

    private Optional<Lease> readStored() {
        var item = state.client().getItem(g -> g.tableName(state.table()).consistentRead(true).key(key())).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Lease(item.get(HOLDER).s(), Long.parseLong(item.get(TOKEN).n()), item.get(VERSION).s(),
                Duration.ofMillis(Long.parseLong(item.get(DURATION_MS).n())),
                Instant.ofEpochMilli(Long.parseLong(item.get(EXPIRES_AT_MS).n())), item.get(URL).s()));
    }

    @Override
    public boolean swap(Optional<Lease> expected, Lease next) {
        try {
            return write(expected, next);
        } catch (SdkClientException e) {
            throw new IllegalStateException(AwsProblems.clientProblem(e, "DynamoDB"), e);
        }
    }

    private boolean write(Optional<Lease> expected, Lease next) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put(HOLDER, AttributeValue.fromS(next.holder()));
        item.put(TOKEN, AttributeValue.fromN(Long.toString(next.token())));
        item.put(VERSION, AttributeValue.fromS(next.version()));
        item.put(DURATION_MS, AttributeValue.fromN(Long.toString(next.duration().toMillis())));
        item.put(EXPIRES_AT_MS, AttributeValue.fromN(Long.toString(next.expiresAt().toEpochMilli())));
        item.put(URL, AttributeValue.fromS(next.url()));
        // The state table's documents all have one; this item's is what people read when they look at it.
        item.put(StateTable.DOC, AttributeValue.fromS("{\"holder\":\"" + next.holder().replace("\"", "") + "\",\"token\":"
                + next.token() + "}"));
        try {
            state.client().putItem(p -> {
                p.tableName(state.table()).item(item);
                if (expected.isEmpty()) {
                    p.conditionExpression("attribute_not_exists(#k)").expressionAttributeNames(Map.of("#k", StateTable.KIND));
                } else {
                    p.conditionExpression("#h = :h AND #t = :t AND #v = :v")
                            .expressionAttributeNames(Map.of("#h", HOLDER, "#t", TOKEN, "#v", VERSION))
                            .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(expected.get().holder()),
                                    ":t", AttributeValue.fromN(Long.toString(expected.get().token())),
                                    ":v", AttributeValue.fromS(expected.get().version())));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * The condition a fenced write carries in its transaction: the lease is still this holder's, with this token.
     * Empty when there is nothing to check ({@link Fence.None}); a replica that does not lead is refused by the caller
     * without asking the store.
     */
    Optional<ConditionCheck> check(Fence fence) {
        if (fence instanceof Fence.None) {
            return Optional.empty();
        }
        if (!(fence instanceof Fence.Token token)) {
            throw new IllegalArgumentException("no condition for " + fence);
        }
        return Optional.of(ConditionCheck.builder().tableName(state.table()).key(key())
                .conditionExpression("#h = :h AND #t = :t")
                .expressionAttributeNames(Map.of("#h", HOLDER, "#t", TOKEN))
                .expressionAttributeValues(Map.of(":h", AttributeValue.fromS(token.holder()),
                        ":t", AttributeValue.fromN(Long.toString(token.token()))))
                .build());
    }

    private static Map<String, AttributeValue> key() {
        return Map.of(StateTable.KIND, AttributeValue.fromS(KIND), StateTable.ID, AttributeValue.fromS(ID));
    }
}
