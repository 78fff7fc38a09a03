package io.pipewatch.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Documents by id that may expire, forgotten as the state table forgets them: a document is gone once its expiry, in
 * whole seconds, is before the clock's second (never, without an expiry). The in-memory twins of the state-table
 * stores keep theirs here, so the contract tests hold them to the same rule.
 */
public final class InMemoryDocuments<T> {

    private record Kept<T>(T document, Instant expires) {
    }

    private final Clock clock;
    private final Map<String, Kept<T>> documents = new ConcurrentHashMap<>();

    public InMemoryDocuments(Clock clock) {
        this.clock = clock;
    }

    /** @param expires when it may be forgotten; null for never */
    public void put(String id, T document, Instant expires) {
        documents.put(id, new Kept<>(document, expires));
    }

    public List<T> live() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        return documents.values().stream()
                .filter(k -> k.expires() == null || !k.expires().truncatedTo(ChronoUnit.SECONDS).isBefore(now))
                .map(Kept::document).toList();
    }
}
