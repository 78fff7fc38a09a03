package io.pipewatch.store;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.store.journal.Journal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Brings the state an earlier version kept in DynamoDB Local (the state table and the outbox) into a new journal, in
 * one commit: alerts, incidents, silences, notification logs, conversations and undelivered notifications survive the
 * upgrade, or, if the import fails, none is half-imported. The commit carries a mark that it ran, so it runs once;
 * the tables are left as they were.
 */
final class DynamoDbStateImport {

    private static final String MARK_KIND = "journal";
    private static final String MARK_ID = "imported-from-dynamodb-local";

    private DynamoDbStateImport() {
    }

    static boolean done(Journal journal) {
        return journal.get(MARK_KIND, MARK_ID).isPresent();
    }

    /** @return documents and outbox rows imported */
    static int into(Journal journal, DynamoDbClient dynamoDb, String stateTable, String outboxTable) {
        List<Journal.Change> changes = new ArrayList<>();
        for (Map<String, AttributeValue> item : scan(dynamoDb, stateTable)) {
            if (item.containsKey(StateTable.KIND) && item.containsKey(StateTable.ID) && item.containsKey(StateTable.DOC)) {
                changes.add(new Journal.Put(item.get(StateTable.KIND).s(), item.get(StateTable.ID).s(), item.get(StateTable.DOC).s(),
                        expiresAt(item)));
            }
        }
        for (Map<String, AttributeValue> item : scan(dynamoDb, outboxTable)) {
            String queue = item.get("queue").s();
            if (queue.endsWith("#keys")) {
                changes.add(JournalOutbox.keyChange(queue.substring(0, queue.length() - "#keys".length()), item.get("seq").s(),
                        expiresAt(item)));
            } else if (item.containsKey("payload") && item.containsKey("key")) {
                changes.add(JournalOutbox.entryChange(queue, Long.parseLong(item.get("seq").s()), new JournalOutbox.Row(
                        item.get("key").s(), item.get("payload").s(), Integer.parseInt(item.get("attempts").n()),
                        text(item, "status"), text(item, "reason")), expiresAt(item)));
            }
        }
        int imported = changes.size();
        changes.add(new Journal.Put(MARK_KIND, MARK_ID, "{\"documents\":" + imported + "}", Journal.NEVER));
        journal.commitNow(changes);
        return imported;
    }

    /**
     * The table's items, none when there is no such table. Asked by listing first: DynamoDB Local's in-process client
     * answers a scan of a missing table with its own exception class, not {@code ResourceNotFoundException}.
     */
    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        boolean exists = dynamoDb.listTablesPaginator().tableNames().stream().anyMatch(table::equals);
        if (exists) {
            dynamoDb.scanPaginator(s -> s.tableName(table).consistentRead(true)).items().forEach(items::add);
        }
        return items;
    }

    private static long expiresAt(Map<String, AttributeValue> item) {
        return item.containsKey(DynamoDbTables.EXPIRES) ? Long.parseLong(item.get(DynamoDbTables.EXPIRES).n()) : Journal.NEVER;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? item.get(name).s() : null;
    }
}
