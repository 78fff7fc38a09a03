package io.pipewatch.aws.dynamodb;

import io.pipewatch.config.PipewatchConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB clients, built once: the embedded DynamoDB Local in demo mode; in aws mode the
 * SDK's defaults (credential chain, AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_DYNAMODB).
 */
@ApplicationScoped
public class DynamoDbClients {

    private final PipewatchConfig config;
    private final EmbeddedDynamoDb embedded;
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;

    public DynamoDbClients(PipewatchConfig config, EmbeddedDynamoDb embedded) {
        this.config = config;
        this.embedded = embedded;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (config.mode() == PipewatchConfig.Mode.DEMO) {
            return embedded.client();
        }
        if (dynamoDb == null) {
            dynamoDb = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
        }
        return dynamoDb;
    }

    public synchronized DynamoDbStreamsClient streams() {
        if (config.mode() == PipewatchConfig.Mode.DEMO) {
            return embedded.streams();
        }
        if (streams == null) {
            streams = DynamoDbStreamsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build();
        }
        return streams;
    }

    /**
     * In demo mode, when this process started the embedded store: tables created before it are an earlier
     * run's. Empty in aws mode, where tables outlive Pipewatch as they should.
     */
    public java.util.Optional<java.time.Instant> embeddedStartedAt() {
        return config.mode() == PipewatchConfig.Mode.DEMO ? java.util.Optional.of(embedded.startedAt())
                : java.util.Optional.empty();
    }

    @PreDestroy
    synchronized void close() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (streams != null) {
            streams.close();
        }
    }
}
