package io.pipewatch.store;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates the on-demand tables Pipewatch and its demo use: string keys, optionally a stream. */
public final class DynamoDbTables {

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
}
