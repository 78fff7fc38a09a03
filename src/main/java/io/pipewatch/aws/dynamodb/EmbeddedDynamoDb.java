package io.pipewatch.aws.dynamodb;

import io.pipewatch.config.PipewatchConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.net.URI;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Amazon's DynamoDB Local, in this process, as the embedded default store: on disk under {@code data/}
 * unless configured otherwise, listening on 127.0.0.1 only, with an access key drawn at each start. Started
 * on first use (about a second) so that start-up stays fast.
 */
@ApplicationScoped
public class EmbeddedDynamoDb {

    private final StoreLocation location;
    private final boolean announce;
    private LoopbackDynamoDbServer server;
    private LocalCredentials credentials;
    private java.time.Instant startedAt;
    private DynamoDbClient client;
    private DynamoDbStreamsClient streams;
    private boolean stopped;

    /** In memory: for tests. */
    public EmbeddedDynamoDb() {
        this(new StoreLocation.InMemory());
    }

    public EmbeddedDynamoDb(StoreLocation location) {
        this.location = location;
        this.announce = false;
    }

    /** Not started at all in aws mode, nor when the demo shares a store with other replicas. */
    @Inject
    public EmbeddedDynamoDb(PipewatchConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = DynamoDbClients.ENDPOINT_VARIABLE)
            java.util.Optional<String> sharedStore) {
        this.location = StoreLocation.of(config.store().path());
        this.announce = config.mode() == PipewatchConfig.Mode.DEMO && sharedStore.isEmpty();
        if (config.mode() == PipewatchConfig.Mode.DEMO && sharedStore.isPresent()) {
            Log.infof("Store: shared with other replicas at %s (%s)", sharedStore.get(), DynamoDbClients.ENDPOINT_VARIABLE);
        }
    }

    /** Says at start where the demo's state lives. */
    void announce(@Observes StartupEvent start) {
        if (!announce) {
            return;
        }
        if (location instanceof StoreLocation.OnDisk) {
            Log.infof("Embedded store: %s (PIPEWATCH_STORE_PATH sets another directory, or memory for a throwaway run)",
                    location);
        } else {
            Log.infof("Embedded store: %s; PIPEWATCH_STORE_PATH=memory was asked for", location);
        }
    }

    /**
     * Starts the store once the port is open (Quarkus announces it asynchronously), on a thread of its own: DynamoDB
     * Local takes a second or two to start, which the first reader (restoring alerts, the stream tailer) would
     * otherwise wait for in full, and which beside Quarkus's own start (two cores) delayed the port opening. Whoever
     * needs it first waits only for what is left.
     */
    void startEarly(@ObservesAsync HttpServerStart listening) {
        if (!announce) {
            return;
        }
        Thread early = new Thread(() -> {
            try {
                client();
            } catch (RuntimeException e) {
                // The first reader starts it again and reports the failure where it matters.
                Log.debugf("Early start of the embedded store failed: %s", e.getMessage());
            }
        }, "pipewatch-store-start");
        early.setDaemon(true);
        early.start();
    }

    public StoreLocation location() {
        return location;
    }

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
        return server.endpoint();
    }

    public synchronized boolean running() {
        return server != null;
    }

    /**
     * When this process started the store (wall clock, as DynamoDB Local stamps table creation): a table
     * created before it was created by an earlier run.
     */
    public synchronized java.time.Instant startedAt() {
        start();
        return startedAt;
    }

    /** This start's access key: tests check that it is not a fixed one. */
    synchronized LocalCredentials credentials() {
        start();
        return credentials;
    }

    private void start() {
        if (server != null) {
            return;
        }
        if (stopped) {
            // A thread still at work during shutdown (the delivery worker) must not start a second store.
            throw new IllegalStateException("the embedded store has stopped");
        }
        long started = System.nanoTime();
        java.time.Instant at = java.time.Instant.now();
        LoopbackDynamoDbServer s;
        try {
            s = LoopbackDynamoDbServer.start(location);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded DynamoDB Local " + location + ": " + e.getMessage(), e);
        }
        credentials = LocalCredentials.random();
        client = DynamoDbClient.builder().endpointOverride(s.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials.provider()).httpClientBuilder(ApacheHttpClient.builder()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(s.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials.provider()).httpClientBuilder(ApacheHttpClient.builder()).build();
        server = s;
        startedAt = at;
        Log.infof("Embedded DynamoDB Local listening on %s (loopback only), %s (started in %d ms)", s.endpoint(),
                location, (System.nanoTime() - started) / 1_000_000);
    }

    @PreDestroy
    public synchronized void stop() {
        stopped = true;
        if (server == null) {
            return;
        }
        client.close();
        streams.close();
        try {
            server.close();
        } catch (Exception e) {
            Log.debugf("DynamoDB Local stop: %s", e.getMessage());
        }
        server = null;
    }
}
