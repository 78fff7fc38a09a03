package io.pipewatch.testing;

import io.pipewatch.aws.dynamodb.LoopbackDynamoDbServer;
import io.pipewatch.aws.dynamodb.StoreLocation;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local for one test class, reached over HTTP as DynamoDB is in aws mode and as replicas reach a shared store
 * (the SDK's marshalling and error codes on the wire): {@code @RegisterExtension static LocalDynamoDb store = new
 * LocalDynamoDb();}. Each test takes a fresh table name, so tests share the server, not their data.
 */
public final class LocalDynamoDb implements BeforeAllCallback, AfterAllCallback {

    private final AtomicInteger tables = new AtomicInteger();
    private LoopbackDynamoDbServer server;
    private DynamoDbClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = LoopbackDynamoDbServer.start(new StoreLocation.InMemory());
        client = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("tests", "tests")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.close();
        server.close();
    }

    public DynamoDbClient client() {
        return client;
    }

    /** A table name no other test of the class has used. */
    public String newTable(String prefix) {
        return prefix + "-" + tables.incrementAndGet();
    }
}
