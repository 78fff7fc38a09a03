package io.pipewatch.incident;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The incident store port in memory, expiring by a clock; {@link IncidentStoreContract} holds it to the state table's behaviour. */
public final class InMemoryIncidentStore implements IncidentStore {

    private record Kept(Incident incident, Instant expires) {
    }

    private final Map<String, Kept> incidents = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryIncidentStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(Incident incident, Instant expires) {
        incidents.put(incident.id(), new Kept(incident, expires));
    }

    @Override
    public List<Incident> load() {
        Instant now = clock.instant();
        return incidents.values().stream().filter(k -> k.expires() == null || k.expires().isAfter(now))
                .map(Kept::incident).toList();
    }
}
