package io.pipewatch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.incident.Incident;
import io.pipewatch.incident.IncidentStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The incident store on the state documents ({@link Documents}): one JSON document per incident, kind {@code incident}. */
@ApplicationScoped
public class StateTableIncidentStore implements IncidentStore {

    private final JsonDocuments<Incident> incidents;

    public StateTableIncidentStore(Documents table, ObjectMapper json) {
        this.incidents = new JsonDocuments<>(table, json, "incident", Incident.class);
    }

    @Override
    public CompletableFuture<Void> save(Incident incident, Instant expires) {
        return incidents.putInOrder(incident.id(), incident, expires);
    }

    @Override
    public List<Incident> load() {
        return incidents.all();
    }
}
