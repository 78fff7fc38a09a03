package io.pipewatch.incident;

import java.time.Instant;
import java.util.List;

/**
 * Port: incidents kept across restarts, so an incident that spans one keeps its id, its cause and its message thread.
 * Implemented on the state table in {@code store}.
 */
public interface IncidentStore {

    /**
     * Writes the incident over its earlier state.
     *
     * @param expires when a resolved incident may be forgotten; null for an open one (kept until it resolves)
     * @throws RuntimeException when the store is unavailable
     */
    void save(Incident incident, Instant expires);

    /** Every stored incident; one that cannot be read (an older format) is logged and skipped. */
    List<Incident> load();
}
