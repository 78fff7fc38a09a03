package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipewatch.rule.Severity;
import io.pipewatch.testing.TestAlerts;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link AlertStore} does, run against the state table and the in-memory one. */
public abstract class AlertStoreContract {

    protected abstract AlertStore newStore();

    private static final Instant AT = Instant.parse("2026-12-04T03:00:00Z");

    @Test
    void anAlertComesBackAsSavedAndTheLatestSaveWins() {
        AlertStore store = newStore();
        Alert firing = TestAlerts.alert("a1", AlertState.FIRING, Severity.CRITICAL, AT, Map.of("team", "ingest"));
        Alert other = TestAlerts.alert("a2", AlertState.PENDING, Severity.WARNING, AT, Map.of());
        store.save(firing);
        store.save(other);
        Alert resolved = TestAlerts.in(firing, AlertState.RESOLVED, AT.plusSeconds(300));
        store.save(resolved);
        List<Alert> loaded = store.load().stream().sorted(Comparator.comparing(Alert::id)).toList();
        assertEquals(List.of(resolved, other), loaded, "every field survives, one entry per alert");
    }

    @Test
    void anEmptyStoreLoadsNothing() {
        assertEquals(List.of(), newStore().load());
    }
}
