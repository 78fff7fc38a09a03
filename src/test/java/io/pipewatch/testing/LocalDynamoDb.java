package io.pipewatch.testing;

import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local, in-process, for one test class: {@code @RegisterExtension static LocalDynamoDb store = new
 * LocalDynamoDb();}. Each test takes a fresh table name, so tests share the server, not their data.
 */
public final class LocalDynamoDb implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger tables = new AtomicInteger();
    private EmbeddedDynamoDb local;

    @Override
    public void beforeAll(ExtensionContext context) {
        local = new EmbeddedDynamoDb();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        local.stop();
    }

    public DynamoDbClient client() {
        return local.client();
    }

    /** A table name no other test of the class has used. */
    public String newTable(String prefix) {
        return prefix + "-" + tables.incrementAndGet();
    }
}
