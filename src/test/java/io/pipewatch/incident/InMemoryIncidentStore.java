package io.pipewatch.incident;

import io.pipewatch.testing.InMemoryDocuments;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The incident store port in memory; {@link IncidentStoreContract} holds it to the state table's behaviour. */
public final class InMemoryIncidentStore implements IncidentStore {

    private final InMemoryDocuments<Incident> incidents;

    public InMemoryIncidentStore(Clock clock) {
        this.incidents = new InMemoryDocuments<>(clock);
    }

    @Override
    public CompletableFuture<Void> save(Incident incident, Instant expires) {
        incidents.put(incident.id(), incident, expires);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public List<Incident> load() {
        return incidents.live();
    }
}
