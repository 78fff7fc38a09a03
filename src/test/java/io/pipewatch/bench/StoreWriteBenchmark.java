package io.pipewatch.bench;

import io.pipewatch.aws.dynamodb.DynamoDbTables;
import io.pipewatch.aws.dynamodb.EmbeddedDynamoDb;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Why the state table commits in transactions ({@code store.GroupCommit}): items written per second to DynamoDB Local on
 * disk, as the embedded default keeps them, one by one, from 32 threads, in {@code BatchWriteItem}s of 25 and in
 * {@code TransactWriteItems} of 25 and 100; the first way is the baseline of the ratios. Three rounds, since the JIT
 * and SQLite's cache warm up. Run (after {@code ./mvnw -B -o test-compile} and
 * {@code ./mvnw -B -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test}):
 * {@code java -cp target/classes:target/test-classes:$(cat target/test-classpath.txt) io.pipewatch.bench.StoreWriteBenchmark}.
 */
public final class StoreWriteBenchmark {

    private static final int ITEMS = 2000;
    private static final String TABLE = "bench-state";
    /** About an alert's document. */
    private static final String DOCUMENT = "x".repeat(1500);

    private StoreWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        var directory = Files.createTempDirectory("pipewatch-store-bench");
        EmbeddedDynamoDb store = new EmbeddedDynamoDb(io.pipewatch.aws.dynamodb.StoreLocation.of(directory));
        DynamoDbClient dynamoDb = store.client();
        DynamoDbTables.createIfAbsent(dynamoDb, TABLE, "kind", "id", null);
        ExecutorService threads = Executors.newFixedThreadPool(32);
        for (int round = 1; round <= 3; round++) {
            String r = "r" + round + "-";
            double single = rate(i -> () -> dynamoDb.putItem(p -> p.tableName(TABLE).item(item(r + "a" + i))), 1, null);
            double concurrent = rate(i -> () -> dynamoDb.putItem(p -> p.tableName(TABLE).item(item(r + "b" + i))), 1, threads);
            double batch25 = rate(i -> () -> dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(TABLE, items(r + "c", i, 25)
                    .stream().map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                    .toList()))), 25, null);
            double transact25 = rate(i -> () -> transact(dynamoDb, items(r + "d", i, 25)), 25, null);
            double transact100 = rate(i -> () -> transact(dynamoDb, items(r + "e", i, 100)), 100, null);
            System.out.printf(java.util.Locale.ROOT, "round %d, items/s: PutItem one by one %.0f; from 32 threads %.0f (%.1f×);"
                    + " BatchWriteItem of 25 %.0f (%.1f×); TransactWriteItems of 25 %.0f (%.1f×), of 100 %.0f (%.1f×)%n",
                    round, single, concurrent, concurrent / single, batch25, batch25 / single, transact25, transact25 / single,
                    transact100, transact100 / single);
        }
        threads.shutdown();
        store.stop();
    }

    /** Items per second: {@code ITEMS / per} requests, each writing {@code per} items, serially or on the threads. */
    private static double rate(IntFunction<Runnable> request, int per, ExecutorService threads) throws Exception {
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < ITEMS; i += per) {
            if (threads == null) {
                request.apply(i).run();
            } else {
                done.add(threads.submit(request.apply(i)));
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        return ITEMS / ((System.nanoTime() - start) / 1e9);
    }

    private static void transact(DynamoDbClient dynamoDb, List<Map<String, AttributeValue>> items) {
        dynamoDb.transactWriteItems(t -> t.transactItems(items.stream()
                .map(item -> TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item)).build()).toList()));
    }

    private static List<Map<String, AttributeValue>> items(String prefix, int from, int count) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(item(prefix + i));
        }
        return out;
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("kind", AttributeValue.fromS("alert"), "id", AttributeValue.fromS(id), "doc", AttributeValue.fromS(DOCUMENT));
    }
}
