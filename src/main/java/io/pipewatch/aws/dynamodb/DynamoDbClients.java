package io.pipewatch.aws.dynamodb;

import io.pipewatch.config.PipewatchConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB clients, built once: the embedded DynamoDB Local in demo mode, unless
 * {@code AWS_ENDPOINT_URL_DYNAMODB} names a store to share with other replicas (the {@code store-server}); in aws
 * mode the SDK's defaults (credential chain, AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_DYNAMODB).
 */
@ApplicationScoped
public class DynamoDbClients {

    /** The SDK's own variable for DynamoDB's endpoint: the same name in both modes. */
    public static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_DYNAMODB";

    private final PipewatchConfig config;
    private final EmbeddedDynamoDb embedded;
    private final Optional<URI> sharedDemoStore;
    private volatile boolean closed;
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient streams;

    @Inject
    public DynamoDbClients(PipewatchConfig config, EmbeddedDynamoDb embedded,
            @ConfigProperty(name = ENDPOINT_VARIABLE) Optional<String> endpoint) {
        this.config = config;
        this.embedded = embedded;
        this.sharedDemoStore = config.mode() == PipewatchConfig.Mode.DEMO
                ? endpoint.filter(e -> endpointProblem(e).isEmpty()).map(URI::create) : Optional.empty();
    }

    /** A value of {@code AWS_ENDPOINT_URL_DYNAMODB} the clients cannot use, said as a start-up problem. */
    public static Optional<String> endpointProblem(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // said below
        }
        return Optional.of(ENDPOINT_VARIABLE + ": '" + endpoint + "' is not an http(s) URL, such as http://127.0.0.1:8000");
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (config.mode() == PipewatchConfig.Mode.DEMO && sharedDemoStore.isEmpty()) {
            return embedded.client();
        }
        if (dynamoDb == null) {
            var builder = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            sharedDemoStore.ifPresent(uri -> builder.endpointOverride(uri).region(demoRegion()).credentialsProvider(demoCredentials()));
            dynamoDb = builder.build();
        }
        return dynamoDb;
    }

    public synchronized DynamoDbStreamsClient streams() {
        if (config.mode() == PipewatchConfig.Mode.DEMO && sharedDemoStore.isEmpty()) {
            return embedded.streams();
        }
        if (streams == null) {
            var builder = DynamoDbStreamsClient.builder().httpClientBuilder(ApacheHttpClient.builder());
            sharedDemoStore.ifPresent(uri -> builder.endpointOverride(uri).region(demoRegion()).credentialsProvider(demoCredentials()));
            streams = builder.build();
        }
        return streams;
    }

    /** The store shared by replicas in demo mode, when {@code AWS_ENDPOINT_URL_DYNAMODB} names one. */
    public Optional<URI> sharedDemoStore() {
        return sharedDemoStore;
    }

    /** Whether calls may still be made: false once shutdown closed the clients (or stopped the embedded store). */
    public boolean open() {
        return !closed && (config.mode() != PipewatchConfig.Mode.DEMO || sharedDemoStore.isPresent() || embedded.running());
    }

    /**
     * In demo mode, when this process started the embedded store: tables created before it are an earlier
     * run's. Empty in aws mode and with a shared store, where tables outlive this process as they should.
     */
    public Optional<java.time.Instant> embeddedStartedAt() {
        return config.mode() == PipewatchConfig.Mode.DEMO && sharedDemoStore.isEmpty() ? Optional.of(embedded.startedAt())
                : Optional.empty();
    }

    private static Region demoRegion() {
        return Optional.ofNullable(System.getenv("AWS_REGION")).filter(r -> !r.isBlank()).map(Region::of).orElse(Region.US_EAST_1);
    }

    /**
     * The store-server (DynamoDB Local, shared mode) accepts any key: the environment's if it has one, else one drawn
     * for this run (as the embedded store's), so that trying replicas needs no AWS account, no probing of the instance
     * metadata service, and no key written in the source.
     */
    private static AwsCredentialsProvider demoCredentials() {
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true).credentialsProviders(
                EnvironmentVariableCredentialsProvider.create(), SystemPropertyCredentialsProvider.create(),
                LocalCredentials.random().provider()).build();
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (streams != null) {
            streams.close();
        }
    }
}
