package io.pipewatch.source.demo;

import io.pipewatch.aws.dynamodb.DynamoDbClients;
import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.config.ShutdownOrder;
import io.quarkus.logging.Log;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Does what the pipeline's ingest Lambda does: {@code UpdateItem ADD impressions} per ad and
 * event-time minute, into a table whose stream (new and old images) the roll-up stage and
 * Pipewatch's saturation check read. Writes run on a thread of their own, like the real Lambda.
 */
final class ImpressionTableWriter implements AutoCloseable {

    static final String PARTITION_KEY = "adId";
    static final String SORT_KEY = "minute";
    /** The bucket's time in epoch seconds: the timestamp stream-saturation checks compare with now. */
    static final String BUCKET_TIME = "bucketTime";

    private final java.util.function.Supplier<DynamoDbClient> dynamoDb;
    /** False once shutdown closed the store's clients: a failure then is the stop, not a fault. */
    private final java.util.function.BooleanSupplier open;
    private final String table;
    /**
     * Steps waiting for the table, bounded by what memory can afford rather than by patience: a step holds a hundred
     * buckets or so, and a demo run fast (PIPEWATCH_DEMO_SPEED) outpaces DynamoDB Local, so 10,000 waiting steps
     * were 60 MB of heap. 60 steps are ten simulated minutes; beyond them the simulation drops impressions (logged),
     * which only thins the demo table that stream saturation reads.
     */
    static final int WAITING_STEPS = 60;
    private final BlockingQueue<Map<DemoStep.ImpressionBucket, Long>> queue = new LinkedBlockingQueue<>(WAITING_STEPS);
    private long dropped;
    private final Thread thread;

    private final long startDelayMicros;
    /**
     * Set by {@link #close()}, which never interrupts this thread: an interrupt inside an embedded DynamoDB Local call
     * left its SQLite database locked, and the next run on the same directory could not open it.
     */
    private volatile boolean closed;
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    /** Put in the queue by {@link #close()} to wake a writer waiting for a step. */
    private static final Map<DemoStep.ImpressionBucket, Long> STOP = Map.of();

    /** @param startDelay wall time to wait before connecting, to keep DynamoDB Local off the start-up path */
    ImpressionTableWriter(DynamoDbClients clients, String table, java.time.Duration startDelay) {
        this(clients::dynamoDb, clients::open, table, startDelay);
    }

    ImpressionTableWriter(java.util.function.Supplier<DynamoDbClient> dynamoDb, java.util.function.BooleanSupplier open,
            String table, java.time.Duration startDelay) {
        this.dynamoDb = dynamoDb;
        this.open = open;
        this.table = table;
        this.startDelayMicros = startDelay.toNanos() / 1000;
        this.thread = new Thread(this::run, "pipewatch-demo-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void write(Map<DemoStep.ImpressionBucket, Long> impressions) {
        if (!impressions.isEmpty() && !queue.offer(impressions) && dropped++ % 1000 == 0) {
            Log.warnf("Demo table writer is %d steps behind (the demo runs faster than the store takes it); %d step(s) of"
                    + " simulated impressions dropped so far", WAITING_STEPS, dropped);
        }
    }

    /** Steps waiting for the table. */
    int waiting() {
        return queue.size();
    }

    private void run() {
        try {
            // Starting DynamoDB Local takes about 2 s of CPU: a poll interval after start keeps it off
            // the start-up path, and the table exists before the first write (a stalled consumer writes nothing).
            if (closing.await(startDelayMicros, java.util.concurrent.TimeUnit.MICROSECONDS)) {
                return;
            }
            DynamoDbClient client = dynamoDb.get();
            // Each run simulates a fresh history from now. With the durable store, the table of a run stopped an
            // hour ago still holds that run's items and unread stream records, whose bucket times are an hour old:
            // read as this run's backlog they would page "Roll-up input falling behind". The table is the
            // simulated pipeline's, not Pipewatch's state (alerts, outbox, silences live in tables of their own).
            if (DynamoDbTables.deleteIfPresent(client, table)) {
                Log.infof("Demo table %s of an earlier run replaced: this run simulates a fresh history from now", table);
            }
            DynamoDbTables.createIfAbsent(client, table, PARTITION_KEY, SORT_KEY, StreamViewType.NEW_AND_OLD_IMAGES);
            while (!closed) {
                var step = queue.take();
                step.forEach((bucket, count) -> {
                    if (closed) {
                        return;
                    }
                    client.updateItem(u -> u.tableName(table)
                            .key(Map.of(PARTITION_KEY, AttributeValue.fromS(bucket.adId()),
                                    SORT_KEY, AttributeValue.fromS(bucket.minute().toString())))
                            .updateExpression("ADD impressions :n SET " + BUCKET_TIME + " = :t")
                            .expressionAttributeValues(Map.of(
                                    ":n", AttributeValue.fromN(Long.toString(count)),
                                    ":t", AttributeValue.fromN(Long.toString(bucket.minute().getEpochSecond())))));
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (closed || Thread.currentThread().isInterrupted() || !open.getAsBoolean()
                    || e instanceof software.amazon.awssdk.core.exception.AbortedException) {
                return; // shutting down: the store may stop before this writer does
            }
            Log.errorf("Demo table writer stopped: %s", e.getMessage());
        }
    }

    /** Stops after the write under way, and waits for it: DynamoDB Local stops after this writer. */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        queue.clear();
        queue.offer(STOP);
        ShutdownOrder.finish(thread);
    }
}
