package io.pipewatch.store;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Amazon's DynamoDB Local, in this process, in memory, on a free loopback port: the embedded
 * default store, so the demo needs no AWS account and no Docker. Started on first use (about a
 * second) so that start-up stays fast.
 */
@ApplicationScoped
public class EmbeddedDynamoDb {

    private final java.util.Optional<java.nio.file.Path> path;
    private DynamoDBProxyServer server;

    /** In memory: for tests. */
    public EmbeddedDynamoDb() {
        this(java.util.Optional.empty());
    }

    @jakarta.inject.Inject
    public EmbeddedDynamoDb(io.pipewatch.config.PipewatchConfig config) {
        this(config.store().path());
    }

    /** @param path a directory to keep the data in across restarts (outbox, checkpoints), or empty for memory only */
    public EmbeddedDynamoDb(java.util.Optional<java.nio.file.Path> path) {
        this.path = path;
    }
    private URI endpoint;
    private DynamoDbClient client;
    private DynamoDbStreamsClient streams;

    public synchronized DynamoDbClient client() {
        start();
        return client;
    }

    public synchronized DynamoDbStreamsClient streams() {
        start();
        return streams;
    }

    public synchronized URI endpoint() {
        start();
        return endpoint;
    }

    public synchronized boolean running() {
        return server != null;
    }

    private void start() {
        if (server != null) {
            return;
        }
        try {
            int port = freePort();
            long started = System.nanoTime();
            String[] storage = path.isPresent()
                    ? new String[] {"-sharedDb", "-dbPath", java.nio.file.Files.createDirectories(path.get()).toString()}
                    : new String[] {"-inMemory"};
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(storage),
                    java.util.stream.Stream.of("-port", Integer.toString(port), "-disableTelemetry")).toArray(String[]::new);
            DynamoDBProxyServer s = ServerRunner.createServerFromCommandLineArgs(args);
            s.start();
            endpoint = URI.create("http://127.0.0.1:" + port);
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            client = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
            streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
            server = s;
            Log.infof("Embedded DynamoDB Local listening on %s, %s (started in %d ms)", endpoint,
                    path.map(p -> "data in " + p).orElse("in memory"), (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded DynamoDB Local: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        client.close();
        streams.close();
        try {
            server.stop();
        } catch (Exception e) {
            Log.debugf("DynamoDB Local stop: %s", e.getMessage());
        }
        server = null;
    }
}
