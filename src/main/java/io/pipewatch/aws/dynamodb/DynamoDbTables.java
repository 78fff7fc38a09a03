package io.pipewatch.aws.dynamodb;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates the on-demand tables Pipewatch and its demo use: string keys, optionally a stream. */
public final class DynamoDbTables {

    /** The TTL attribute of Pipewatch's own tables. */
    public static final String EXPIRES = "expires";

    private DynamoDbTables() {
    }

    /**
     * Creates the table unless it exists and waits until it is active.
     *
     * @param sortKey null for a table with a partition key only
     * @param stream null for a table without a stream
     * @return whether this call created it
     */
    public static boolean createIfAbsent(DynamoDbClient dynamoDb, String table, String partitionKey, String sortKey,
            StreamViewType stream) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        var request = CreateTableRequest.builder().tableName(table).attributeDefinitions(attributes).keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (stream != null) {
            request.streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(stream).build());
        }
        try {
            dynamoDb.createTable(request.build());
        } catch (ResourceInUseException exists) {
            return false;
        }
        dynamoDb.waiter().waitUntilTableExists(d -> d.tableName(table));
        return true;
    }

    /**
     * Deletes the table if it exists: for the embedded store, which deletes at once (real DynamoDB takes a
     * while, and a create right after would fail with ResourceInUseException).
     *
     * @return whether there was one to delete
     */
    public static boolean deleteIfPresent(DynamoDbClient dynamoDb, String table) {
        try {
            dynamoDb.deleteTable(d -> d.tableName(table));
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException absent) {
            return false;
        }
        return true; // DynamoDB Local deletes at once; describing the table meanwhile only logs sqlite errors
    }

    /**
     * Lets DynamoDB delete items past their {@code expires} time (epoch seconds; within days of it), so
     * what may be forgotten does not pile up. Not fatal when refused: readers filter expired items
     * anyway (DynamoDB deletes within days; DynamoDB Local 2.6 runs a TimeToLiveDeletionJob of its own).
     */
    public static void enableExpiry(DynamoDbClient dynamoDb, String table) {
        try {
            var status = dynamoDb.describeTimeToLive(d -> d.tableName(table)).timeToLiveDescription().timeToLiveStatus();
            if (status == TimeToLiveStatus.DISABLED) {
                dynamoDb.updateTimeToLive(u -> u.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(EXPIRES).enabled(true)));
            }
        } catch (DynamoDbException e) {
            Log.warnf("Cannot enable expiry on %s: %s", table, e.getMessage());
        }
    }
}
