package io.pipewatch.source.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stream tailing throughput on DynamoDB Local, against what DynamoDB Streams serves one reader of a
 * shard (GetRecords: up to 1,000 records a call, 5 calls a second: 5,000 records/s), paced as that
 * ceiling allows and unpaced; CPU per 1,000 records; heap over a long run with a steady writer.
 * Run: {@code ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pipewatch.source.streams.StreamBenchmark [-Dexec.args="<records> <long-run-seconds>"]}
 */
public final class StreamBenchmark {

    private static final double CEILING = 1000 * 5;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        // DynamoDB Local writes about 600 items/s with a stream: 40,000 items take about a minute.
        int longRunSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        var local = new EmbeddedDynamoDb();
        try {
            DynamoDbClient dynamoDb = local.client();
            System.out.printf("Stream tailing benchmark — DynamoDB Local 2.6.1 in process, %d cores%n",
                    Runtime.getRuntime().availableProcessors());
            String paced = table(dynamoDb, "paced");
            String unpaced = table(dynamoDb, "unpaced");
            long start = System.nanoTime();
            fill(dynamoDb, unpaced, records / 3, 0);
            fill(dynamoDb, paced, records, 0);
            System.out.printf("  wrote %,d + %,d items in %.1f s%n", records / 3, records, (System.nanoTime() - start) / 1e9);
            // The unpaced run goes first: it also warms the JIT for the paced run against the ceiling.
            drain(local, unpaced, records / 3, Duration.ZERO, "unpaced (as fast as it can read)");
            drain(local, paced, records, Duration.ofMillis(200), "paced at 5 calls/s (the reader's ceiling)");
            longRun(local, longRunSeconds);
        } finally {
            local.stop();
        }
    }

    private static void drain(EmbeddedDynamoDb local, String table, int records, Duration interval, String label)
            throws InterruptedException {
        var registry = new SimpleMeterRegistry();
        var tailer = tailer(local, table, interval, registry);
        var threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        while (registry.counter("pipewatch.stream.records", "table", table).count() < records) {
            tailer.round();
            TimeUnit.MILLISECONDS.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
        int shards = local.streams().describeStream(d -> d.streamArn(tailer.streamArn())).streamDescription().shards().size();
        double perSecond = records / seconds / shards;
        System.out.printf("%n%s: %,d records from %d shard(s) in %.2f s%n", label, records, shards, seconds);
        System.out.printf("  %,.0f records/s per shard → %.2f of the 5,000/s a reader can get; CPU %.1f ms per 1,000 records"
                + " (tailer thread, including the SDK client)%n", perSecond, perSecond / CEILING, cpuMillis * 1000 / records);
    }

    private static void longRun(EmbeddedDynamoDb local, int seconds) throws Exception {
        String table = table(local.client(), "long-run");
        var registry = new SimpleMeterRegistry();
        var tailer = tailer(local, table, Duration.ofMillis(200), registry);
        Thread writer = new Thread(() -> {
            int n = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    fill(local.client(), table, 100, n);
                    n += 100;
                }
            } catch (software.amazon.awssdk.core.exception.AbortedException stopped) {
                // interrupted mid-write at the end of the run
            }
        });
        writer.start();
        System.out.printf("%nLong run: a writer puts items as fast as DynamoDB Local takes them for %d s while the tailer reads;"
                + " heap after GC:%n", seconds);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long nextSample = System.nanoTime();
        List<String> samples = new ArrayList<>();
        while (System.nanoTime() < end) {
            tailer.round();
            if (System.nanoTime() >= nextSample) {
                System.gc();
                var rt = Runtime.getRuntime();
                samples.add(String.format("%.0f MB @ %,.0f records", (rt.totalMemory() - rt.freeMemory()) / 1e6,
                        registry.counter("pipewatch.stream.records", "table", table).count()));
                nextSample += TimeUnit.SECONDS.toNanos(Math.max(10, seconds / 6));
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        writer.interrupt();
        writer.join();
        System.out.println("  " + String.join(" → ", samples));
        System.out.printf("  (%,.0f records read, %.0f/s)%n", registry.counter("pipewatch.stream.records", "table", table).count(),
                registry.counter("pipewatch.stream.records", "table", table).count() / seconds);
    }

    private static StreamTailer tailer(EmbeddedDynamoDb local, String table, Duration interval,
            SimpleMeterRegistry registry) {
        var clock = Clock.systemUTC();
        var settings = new StreamTailer.Settings("bucketTime", interval, interval, Duration.ofSeconds(1),
                Duration.ofSeconds(60), ShardIteratorType.TRIM_HORIZON);
        return new StreamTailer(table, local.client(), local.streams(),
                new io.pipewatch.store.DynamoDbCheckpoints(local::client, "bench-checkpoints", clock), clock, settings,
                new SaturationPeriods(table, Duration.ofMinutes(10)), new StreamProblems(table, clock), registry);
    }

    private static String table(DynamoDbClient dynamoDb, String name) {
        DynamoDbTables.createIfAbsent(dynamoDb, name, "id", null, StreamViewType.NEW_AND_OLD_IMAGES);
        return name;
    }

    private static void fill(DynamoDbClient dynamoDb, String table, int count, int offset) {
        String now = Long.toString(Instant.now().getEpochSecond());
        for (int i = 0; i < count; i += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + 25); j++) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        "id", AttributeValue.fromS("item-" + (offset + j)),
                        "bucketTime", AttributeValue.fromN(now),
                        "impressions", AttributeValue.fromN("1"))).build()).build());
            }
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }
}
