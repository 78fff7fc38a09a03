package io.pipewatch.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.AlertState;
import io.pipewatch.signal.MetricId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link IncidentStore} does, run against the state table and the in-memory one. */
public abstract class IncidentStoreContract {

    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

    /** A store whose clock (for expiry) reads {@code clock}. */
    protected abstract IncidentStore newStore(Clock clock);

    @Test
    void anIncidentComesBackAsSavedTheLatestSaveWinsAndAnExpiredOneIsGone() {
        IncidentStore store = newStore(Clock.fixed(T0, ZoneOffset.UTC));
        var book = new IncidentBook();
        var errors = MetricId.of("AWS/Lambda", "Errors", Map.of("FunctionName", "ingest-impressions"));
        var age = MetricId.of("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", Map.of("StreamName", "device-logs"));
        var pipelines = List.of(CauseRulesTest.PIPELINE);
        Incident opened = book.offer(IncidentBookTest.alert("age", age, AlertState.FIRING, T0.minusSeconds(600)), pipelines).get(0);
        var first = store.save(opened, null);
        Incident grown = book.offer(IncidentBookTest.alert("errors", errors, AlertState.FIRING, T0.minusSeconds(560)), pipelines).get(0);
        store.save(grown, null).join();
        assertTrue(first.isDone(), "a save is durable once a later one is");
        Incident old = book.offer(IncidentBookTest.alert("x", MetricId.of("AWS/SQS", "Age", Map.of("QueueName", "q")),
                AlertState.FIRING, T0.minusSeconds(9000)), pipelines).get(0);
        store.save(old, T0.minusSeconds(1)).join();

        List<Incident> loaded = store.load().stream().sorted(Comparator.comparing(Incident::id)).toList();
        assertEquals(List.of(grown), loaded, "every field survives, one entry per incident, expired ones gone");
    }

    @Test
    void anEmptyStoreLoadsNothing() {
        assertEquals(List.of(), newStore(Clock.systemUTC()).load());
    }
}
