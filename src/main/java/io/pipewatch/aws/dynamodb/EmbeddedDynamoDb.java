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
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.nio.file.Files;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Amazon's DynamoDB Local, in this process, for the demo's simulated pipeline (its table, stream and the tailer's
 * checkpoints): on disk under {@code data/} unless configured otherwise, reached through DynamoDB Local's in-process
 * clients ({@code DynamoDBEmbedded}), so it listens on no port at all. Started once the port is open, on a thread of
 * its own, or on first use. In-process rather than behind a loopback HTTP server: the same engine, without a Jetty
 * server, an HTTP client and JSON both ways for every item; a simulated day at 360× measured 184–195 MB of RSS
 * instead of 215–222 (docs/performance.md). {@code store-server} still serves it over HTTP, for replicas to share.
 */
@ApplicationScoped
public class EmbeddedDynamoDb {

    /** DynamoDB Local's file in shared mode. */
    public static final String DATABASE = "shared-local-instance.db";
    /** DynamoDB Local would otherwise report each start to AWS. */
    private static final boolean NO_TELEMETRY = true;

    private final StoreLocation location;
    private final boolean announce;
    private AmazonDynamoDBLocal local;
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

    public synchronized boolean running() {
        return local != null;
    }

    /**
     * When this process started the store (wall clock, as DynamoDB Local stamps table creation): a table
     * created before it was created by an earlier run.
     */
    public synchronized java.time.Instant startedAt() {
        start();
        return startedAt;
    }

    private void start() {
        if (local != null) {
            return;
        }
        if (stopped) {
            // A thread still at work during shutdown (the delivery worker) must not start a second store.
            throw new IllegalStateException("the embedded store has stopped");
        }
        long started = System.nanoTime();
        java.time.Instant at = java.time.Instant.now();
        try {
            // The database file DynamoDB Local's shared mode keeps in the directory (earlier versions ran it that way):
            // one database whatever key or region a client signs with.
            local = location instanceof StoreLocation.OnDisk onDisk
                    ? DynamoDBEmbedded.create(Files.createDirectories(onDisk.directory()).resolve(DATABASE).toFile(), NO_TELEMETRY)
                    : DynamoDBEmbedded.create(null, NO_TELEMETRY);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded DynamoDB Local " + location + ": " + e.getMessage(), e);
        }
        client = EmbeddedTimestamps.corrected(local.dynamoDbClient());
        streams = EmbeddedTimestamps.corrected(local.dynamoDbStreamsClient());
        startedAt = at;
        Log.infof("Embedded DynamoDB Local in this process (no port), %s (started in %d ms)", location,
                (System.nanoTime() - started) / 1_000_000);
    }

    @PreDestroy
    public synchronized void stop() {
        stopped = true;
        if (local == null) {
            return;
        }
        try {
            local.shutdown();
        } catch (RuntimeException e) {
            Log.debugf("DynamoDB Local stop: %s", e.getMessage());
        }
        local = null;
    }
}
