package io.pipewatch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.testing.LocalDynamoDb;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Concurrent writers' and readers' requests to the state table are batched ({@link GroupCommit}, {@link GroupRead}),
 * against DynamoDB Local: what queued while the store answered goes as one request, nothing is lost, and one item's
 * writes land in the order they were made. The client is the real one, seen through a counting gate that holds the
 * store's first answer until everyone has asked, so the batches do not depend on timing.
 */
class GroupCommitIT {

    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final CountDownLatch everyoneAsked = new CountDownLatch(1);
    private final AtomicInteger held = new AtomicInteger();
    /** The operation whose first call is held, once the test has set its table up. */
    private volatile String gated = "";
    private final ExecutorService writers = Executors.newFixedThreadPool(50);

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** The real client; the first call of {@link #gated} waits until the test lets it go. */
    private DynamoDbClient counted() {
        DynamoDbClient real = STORE.client();
        return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    if (method.getName().equals(gated) && held.getAndIncrement() == 0) {
                        everyoneAsked.await(30, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The write the store is answering, held until the test lets it go; what is handed in meanwhile queues behind it. */
    private Future<?> lone;

    /**
     * A table on the counted client whose first document ({@code kind}/first) is written, with a lone write of the same
     * kind now held at the store: every write handed in until {@link #everyoneAsked} opens goes in the next batch.
     */
    private StateTable withALoneWriteHeld(String kind) {
        DynamoDbClient client = counted();
        StateTable table = new StateTable(() -> client, STORE.newTable("state"), Clock.systemUTC());
        table.put(kind, "first", "{\"n\":0}", null); // creates the table
        gated = "putItem";
        lone = writers.submit(() -> table.put(kind, "lone", "{}", null));
        awaitCalls("putItem", 2); // the lone write is with the store, held
        return table;
    }

    private int calls(String operation) {
        return calls.getOrDefault(operation, new AtomicInteger()).get();
    }

    @Test
    void writesMadeWhileTheStoreAnsweredAreCommittedInOneTransactionAndAllAreDurable() throws Exception {
        StateTable table = withALoneWriteHeld("alert");
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            queued.add(table.putInOrder("alert", "a-" + i, "{\"n\":" + i + "}", null));
        }
        everyoneAsked.countDown();
        lone.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertEquals(2, calls("transactWriteItems"), "150 writes queued behind one: transactions of 100 and 50");
        assertEquals(2, calls("putItem"), "one put for the first write, one for the lone one");
        Map<String, String> stored = table.all("alert");
        assertEquals(152, stored.size());
        assertEquals("{\"n\":149}", stored.get("a-149"));
    }

    @Test
    void writesOfOneItemLandInTheOrderMadeEvenWithinOneTransaction() throws Exception {
        StateTable table = withALoneWriteHeld("incident");
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int version = 1; version <= 5; version++) {
            writes.add(table.putInOrder("incident", "inc-1", "{\"v\":" + version + "}", null));
            writes.add(table.putInOrder("incident", "inc-" + (version + 1), "{}", null));
        }
        everyoneAsked.countDown();
        lone.get(30, TimeUnit.SECONDS);
        writes.get(writes.size() - 1).get(30, TimeUnit.SECONDS);

        assertTrue(writes.stream().allMatch(CompletableFuture::isDone), "the last write durable means every earlier one is");
        assertEquals(Optional.of("{\"v\":5}"), table.get("incident", "inc-1"), "the last of five writes of one item wins");
        assertEquals(1, calls("transactWriteItems"), "ten writes to six items: one transaction, naming each item once");
    }

    @Test
    void readsMadeWhileTheStoreAnsweredAreAskedInOneBatch() throws Exception {
        DynamoDbClient client = counted();
        Clock clock = Clock.systemUTC();
        StateTable table = new StateTable(() -> client, STORE.newTable("state"), clock);
        table.put("sns", "m-1", "{}", clock.instant().plusSeconds(3600));
        table.put("sns", "m-old", "{}", Instant.parse("2020-01-01T00:00:00Z"));
        gated = "batchGetItem";
        Future<Optional<String>> lone = writers.submit(() -> table.get("sns", "m-1"));
        awaitCalls("batchGetItem", 1);
        List<CompletableFuture<Optional<String>>> reads = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reads.add(table.read("sns", i % 4 == 0 ? "m-1" : i % 4 == 1 ? "m-old" : "m-new-" + i));
        }
        everyoneAsked.countDown();

        assertEquals(Optional.of("{}"), lone.get(30, TimeUnit.SECONDS));
        for (int i = 0; i < reads.size(); i++) {
            Optional<String> read = reads.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(i % 4 == 0, read.isPresent(), "read " + i + ": present only when stored and not expired");
        }
        assertEquals(2, calls("batchGetItem"), "40 reads (ten of one key) queued behind one: one more batch");
    }

    @Test
    void aWriteTheStoreRefusesFailsAloneWithTheStoresOwnErrorAndTheOthersOfItsBatchAreWritten() throws Exception {
        StateTable table = withALoneWriteHeld("alert");
        CompletableFuture<Void> before = table.putInOrder("alert", "before", "{}", null);
        // Above DynamoDB's 400 KB per item: refused by the store itself.
        CompletableFuture<Void> tooLarge = table.putInOrder("alert", "large", "x".repeat(500_000), null);
        CompletableFuture<Void> after = table.putInOrder("alert", "after", "{}", null);
        everyoneAsked.countDown();
        lone.get(30, TimeUnit.SECONDS);

        var failed = assertThrows(java.util.concurrent.CompletionException.class, tooLarge::join);
        assertTrue(failed.getCause() instanceof software.amazon.awssdk.services.dynamodb.model.DynamoDbException,
                "the store's refusal: " + failed.getCause());
        before.get(30, TimeUnit.SECONDS);
        after.get(30, TimeUnit.SECONDS);
        assertEquals(Optional.of("{}"), table.get("alert", "before"), "one refused write does not fail the others");
        assertEquals(Optional.of("{}"), table.get("alert", "after"));
        assertEquals(Optional.empty(), table.get("alert", "large"));
        var direct = assertThrows(RuntimeException.class, () -> table.put("alert", "large", "x".repeat(500_000), null));
        assertFalse(direct instanceof java.util.concurrent.CompletionException, "put throws the store's error, unwrapped");
        table.put("alert", "later", "{}", null);
        assertEquals(Optional.of("{}"), table.get("alert", "later"), "the committer goes on after a refusal");
    }

    private void awaitCalls(String operation, int count) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> calls(operation) >= count);
    }
}
