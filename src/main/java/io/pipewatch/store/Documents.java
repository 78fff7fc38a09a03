package io.pipewatch.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Pipewatch's small durable documents, by kind ({@code alert}, {@code silence}, …) and id, each one JSON document
 * that may expire: what the stores of alerts, incidents, silences and SNS message ids are built on. Two engines: the
 * DynamoDB state table ({@link StateTable}; aws mode and replicas sharing a store) and the embedded default's own
 * journal ({@link JournalDocuments}).
 */
public interface Documents {

    /**
     * Writes the document and returns once it is durable.
     *
     * @param expires when the document may be forgotten; null for never
     * @throws RuntimeException the store's failure
     */
    void put(String kind, String id, String json, Instant expires);

    /**
     * Hands the write in without waiting: it is committed after every write handed in before it, and the future
     * completes when it is durable (or with the store's failure). For a writer that decides under a lock and must
     * not hold the lock while the store answers, yet needs its writes of one document to land in order.
     */
    CompletableFuture<Void> putInOrder(String kind, String id, String json, Instant expires);

    /** The document, unless it is absent or expired. */
    Optional<String> get(String kind, String id);

    /** Forgets the document (nothing happens when there is none). */
    void delete(String kind, String id);

    /** Every unexpired document of the kind, as id → JSON. */
    Map<String, String> all(String kind);
}
