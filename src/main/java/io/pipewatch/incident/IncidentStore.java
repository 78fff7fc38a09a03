package io.pipewatch.incident;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Port: incidents kept across restarts, so an incident that spans one keeps its id, its cause and its message thread.
 * Implemented on the state table in {@code store}.
 */
public interface IncidentStore {

    /**
     * Writes the incident over its earlier state, after every save made before this one, without waiting for it: the
     * tracker decides under its lock and waits outside it, so that a storm's incidents are written together.
     *
     * @param expires when a resolved incident may be forgotten; null for an open one (kept until it resolves)
     * @return completes when the incident is durable, or exceptionally when the store is unavailable
     */
    CompletableFuture<Void> save(Incident incident, Instant expires);

    /** Every stored incident; one that cannot be read (an older format) is logged and skipped. */
    List<Incident> load();
}
