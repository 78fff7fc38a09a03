package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.notify.delivery.Outbox;
import io.pipewatch.replica.Fence;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The outbox on DynamoDB ({@code pipewatch-outbox}): one partition per receiver, entries sorted by their
 * zero-padded sequence, and beside them ({@code <receiver>#keys}) a marker per idempotency key, written in
 * the same transaction as the entry and the group's notification log (in the state table, kind
 * {@code nflog}). A receiver that edits its message records it (kind {@code conversation}) in the transaction that
 * removes the entry it delivered.
 */
public class DynamoDbOutbox implements Outbox {

    public static final String DEFAULT_TABLE = "pipewatch-outbox";
    static final String LOG_KIND = "nflog";
    /** A receiver's message for a conversation (Slack: channel and ts), in the state table beside the incidents. */
    static final String CONVERSATION_KIND = "conversation";
    private static final String FAILED = "failed";
    /** A key is remembered long past any redone hand-over of the same message (keys are never reused). */
    static final java.time.Duration KEY_KEPT = java.time.Duration.ofDays(7);

    private final java.util.function.Supplier<DynamoDbClient> clients;
    private final String table;
    private final StateTable state;
    private final java.time.Clock clock;
    private volatile boolean ready;
    private final java.util.function.Supplier<Fence> fence;
    private final StateTableLeaseStore lease;

    /**
     * @param clients the store's client, asked for on first use: a store that is down fails calls, not the start
     * @param state where the notification log is kept
     * @param clock wall time, for when settled entries may be forgotten
     */
    public DynamoDbOutbox(java.util.function.Supplier<DynamoDbClient> clients, String table, StateTable state,
            java.time.Clock clock) {
        this(clients, table, state, clock, Fence.None::new);
    }

    /** @param fence what the store checks before an entry is added or sent: another replica's lease refuses both */
    public DynamoDbOutbox(java.util.function.Supplier<DynamoDbClient> clients, String table, StateTable state,
            java.time.Clock clock, java.util.function.Supplier<Fence> fence) {
        this.fence = fence;
        this.lease = new StateTableLeaseStore(state);
        this.clients = clients;
        this.table = table;
        this.state = state;
        this.clock = clock;
    }

    @Override
    public boolean add(Entry entry, LogRecord log) {
        Optional<ConditionCheck> leaseHeld = leaseCheck(fence.get());
        ensureTable();
        Put alsoWrite = log == null ? null : state.putRequest(LOG_KIND, log.groupKey(), log.document(), log.expires());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("queue", AttributeValue.fromS(entry.receiver()));
        item.put("seq", AttributeValue.fromS(seq(entry.seq())));
        item.put("key", AttributeValue.fromS(entry.key()));
        item.put("payload", AttributeValue.fromS(entry.payload()));
        item.put("attempts", AttributeValue.fromN(Integer.toString(entry.attempts())));
        // One transaction: the key's marker and the entry exist together or not at all. The token makes
        // an SDK retry of a transaction that did succeed answer success, not "duplicate". It names the table:
        // DynamoDB remembers tokens per account for ten minutes, and another outbox table's entry with the
        // same receiver, key and sequence would otherwise be refused as IdempotentParameterMismatch.
        String token = java.util.UUID.nameUUIDFromBytes((table + "\n" + entry.receiver() + "\n" + entry.key() + "\n" + entry.seq())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                        "queue", AttributeValue.fromS(entry.receiver() + "#keys"), "seq", AttributeValue.fromS(entry.key()),
                        DynamoDbTables.EXPIRES, expiresAfter(KEY_KEPT)))
                        .conditionExpression("attribute_not_exists(#q)").expressionAttributeNames(Map.of("#q", "queue"))
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build()));
        if (alsoWrite != null) {
            writes.add(TransactWriteItem.builder().put(alsoWrite).build());
        }
        leaseHeld.ifPresent(check -> writes.add(TransactWriteItem.builder().conditionCheck(check).build()));
        try {
            clients.get().transactWriteItems(t -> t.clientRequestToken(token).transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (leaseHeld.isPresent() && failed(e, writes.size() - 1)) {
                throw new Fenced("another replica holds the lease: " + entry.key() + " not added");
            }
            if (failed(e, 0)) {
                return false;
            }
            throw e;
        }
        // Durable only once read back. DynamoDB Local (2.6.1) answers TransactWriteItems before its SQLite COMMIT
        // has run (SQLiteDBAccess.commitTransaction queues the COMMIT on its one SQLite thread and returns), so a
        // SIGKILL in that moment rolls an acknowledged transaction back at the next start: entry, key marker and
        // notification log. Every later request queues behind that COMMIT, so when this consistent read answers,
        // the entry is on disk. On DynamoDB it costs one strongly consistent read per notification.
        var stored = clients.get().getItem(g -> g.tableName(table).consistentRead(true).key(key(entry)));
        if (!stored.hasItem() || stored.item().isEmpty()) {
            throw new IllegalStateException("outbox entry " + entry.key() + " not readable right after it was written");
        }
        return true;
    }

    /**
     * One conditional write before each send: the entry is marked with the token of the lease that sends it, in a
     * transaction DynamoDB refuses once another replica holds the lease. With the embedded store there is nothing to
     * check and nothing is written.
     */
    @Override
    public void claim(Entry entry) {
        Fence current = fence.get();
        Optional<ConditionCheck> leaseHeld = leaseCheck(current);
        if (leaseHeld.isEmpty()) {
            return;
        }
        long token = ((Fence.Token) current).token();
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().conditionCheck(leaseHeld.get()).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(entry)).updateExpression("SET claimedBy = :t")
                        .conditionExpression("attribute_exists(payload)")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromN(Long.toString(token))))).build());
        try {
            clients.get().transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            if (failed(e, 0)) {
                throw new Fenced("another replica holds the lease: " + entry.key() + " not sent");
            }
            if (!failed(e, 1)) {
                throw e;
            }
            // Not in the store (kept in memory while it was down, or settled meanwhile): the lease is what mattered.
        }
    }

    /** The lease check a leader's write carries; refused at once when this replica does not lead. */
    private Optional<ConditionCheck> leaseCheck(Fence current) {
        if (current instanceof Fence.NotLeading) {
            throw new Fenced("this replica does not hold the lease");
        }
        return lease.check(current);
    }

    private static boolean failed(TransactionCanceledException e, int index) {
        return e.hasCancellationReasons() && e.cancellationReasons().size() > index
                && "ConditionalCheckFailed".equals(e.cancellationReasons().get(index).code());
    }

    @Override
    public List<Entry> pending(String receiver) {
        List<Entry> out = new ArrayList<>();
        // Skips refused entries, and rows without a body (never written by add; see attempted()).
        scan(receiver, item -> {
            if (!item.containsKey("status")) {
                out.add(entry(receiver, item));
            }
        });
        return out;
    }

    @Override
    public List<Refusal> refusals(String receiver) {
        List<Refusal> out = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        scan(receiver, item -> {
            boolean expired = item.containsKey(DynamoDbTables.EXPIRES) && Long.parseLong(item.get(DynamoDbTables.EXPIRES).n()) < now;
            if (!expired && FAILED.equals(item.containsKey("status") ? item.get("status").s() : null)) {
                out.add(new Refusal(entry(receiver, item), item.containsKey("reason") ? item.get("reason").s() : ""));
            }
        });
        return out;
    }

    private void scan(String receiver, java.util.function.Consumer<Map<String, AttributeValue>> each) {
        ensureTable();
        DynamoDbClient dynamoDb = clients.get();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#q = :r").expressionAttributeNames(Map.of("#q", "queue"))
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromS(receiver))).exclusiveStartKey(start).build());
            page.items().stream().filter(item -> item.containsKey("payload") && item.containsKey("key")).forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static Entry entry(String receiver, Map<String, AttributeValue> item) {
        return new Entry(receiver, Long.parseLong(item.get("seq").s()), item.get("key").s(), item.get("payload").s(),
                Integer.parseInt(item.get("attempts").n()));
    }

    @Override
    public void attempted(Entry entry, int attempts) {
        updateIfPresent(entry, "SET attempts = :a", Map.of(), Map.of(":a", AttributeValue.fromN(Integer.toString(attempts))));
    }

    @Override
    public void delivered(Entry entry) {
        clients.get().deleteItem(d -> d.tableName(table).key(key(entry)));
    }

    @Override
    public void delivered(Entry entry, Conversation conversation) {
        String id = conversationId(conversation.receiver(), conversation.key());
        clients.get().transactWriteItems(t -> t.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(entry))).build(),
                TransactWriteItem.builder().put(state.putRequest(CONVERSATION_KIND, id, conversation.document(),
                        conversation.expires())).build()));
        // Read back for the reason add() does: DynamoDB Local may answer before its COMMIT ran, and a SIGKILL in that
        // moment would bring the entry back without the message it posted, which the restart would post again.
        if (state.get(CONVERSATION_KIND, id).isEmpty()) {
            throw new IllegalStateException("conversation " + conversation.key() + " not readable right after it was written");
        }
    }

    @Override
    public java.util.Optional<String> conversation(String receiver, String key) {
        return state.get(CONVERSATION_KIND, conversationId(receiver, key));
    }

    static String conversationId(String receiver, String key) {
        return receiver + "#" + key;
    }

    @Override
    public void refused(Entry entry, String reason) {
        updateIfPresent(entry, "SET #s = :s, reason = :r, #e = :e", Map.of("#s", "status", "#e", DynamoDbTables.EXPIRES),
                Map.of(":s", AttributeValue.fromS(FAILED), ":r", AttributeValue.fromS(reason), ":e", expiresAfter(REFUSAL_KEPT)));
    }

    @Override
    public Map<String, String> notificationLog() {
        return state.all(LOG_KIND);
    }

    /** Epoch seconds, DynamoDB's TTL format. Waiting entries have none: only what is settled may be forgotten. */
    private AttributeValue expiresAfter(java.time.Duration kept) {
        return AttributeValue.fromN(Long.toString(clock.instant().plus(kept).getEpochSecond()));
    }

    /** Updates only an entry that still exists: an update must never create a partial row. */
    private void updateIfPresent(Entry entry, String update, Map<String, String> names, Map<String, AttributeValue> values) {
        try {
            clients.get().updateItem(u -> u.tableName(table).key(key(entry)).updateExpression(update)
                    .conditionExpression("attribute_exists(payload)")
                    .expressionAttributeNames(names.isEmpty() ? null : names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException gone) {
            // delivered or removed meanwhile (another instance during a rolling deploy): nothing to update
        }
    }

    private Map<String, AttributeValue> key(Entry entry) {
        return Map.of("queue", AttributeValue.fromS(entry.receiver()), "seq", AttributeValue.fromS(seq(entry.seq())));
    }

    /** Zero-padded, so the string sort key orders as the number. */
    static String seq(long seq) {
        return String.format("%019d", seq);
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                DynamoDbTables.createIfAbsent(clients.get(), table, "queue", "seq", null);
                DynamoDbTables.enableExpiry(clients.get(), table);
                ready = true;
            }
        }
    }
}
