package io.pipewatch.silence;

import static io.pipewatch.testing.TestAlerts.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipewatch.alert.AlertState;
import io.pipewatch.rule.Severity;
import io.pipewatch.store.StateTable;
import io.pipewatch.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import io.pipewatch.testing.LocalDynamoDb;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** Silences in DynamoDB Local: what they match, when, and that a restart keeps them until they expire. */
class SilencesIT {

    private static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");
    @RegisterExtension
    static final LocalDynamoDb STORE = new LocalDynamoDb();
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final ManualClock clock = new ManualClock(NOW);
    private final StateTable table = new StateTable(STORE::client, STORE.newTable("silences"), clock);

    @Test
    void aSilenceMatchesItsAlertsOnlyWhileItLastsAndSurvivesARestart() {
        var silences = new Silences(new io.pipewatch.store.StateTableSilenceStore(table, json), clock);
        Silence s = silences.create(List.of("team=pipeline", "severity=~crit.*"), NOW, NOW.plus(Duration.ofHours(2)), "ana",
                "planned work", NOW);
        var critical = alert("a", AlertState.FIRING, Severity.CRITICAL, NOW, Map.of("team", "pipeline"));
        var warning = alert("b", AlertState.FIRING, Severity.WARNING, NOW, Map.of("team", "pipeline"));
        var otherTeam = alert("c", AlertState.FIRING, Severity.CRITICAL, NOW, Map.of("team", "payments"));
        assertTrue(silences.silenced(critical, NOW.plusSeconds(60)));
        assertFalse(silences.silenced(warning, NOW.plusSeconds(60)));
        assertFalse(silences.silenced(otherTeam, NOW.plusSeconds(60)));
        assertFalse(silences.silenced(critical, NOW.plus(Duration.ofHours(2))), "ended");

        var restarted = new Silences(new io.pipewatch.store.StateTableSilenceStore(table, json), clock);
        assertEquals(List.of(s), restarted.all(), "read back from the store as written");
        assertTrue(restarted.silenced(critical, NOW.plusSeconds(60)));
    }

    @Test
    void endingASilenceKeepsItForADayThenTheStoreForgetsIt() {
        var silences = new Silences(new io.pipewatch.store.StateTableSilenceStore(table, json), clock);
        Silence s = silences.create(List.of("alarm=a"), NOW, NOW.plus(Duration.ofHours(2)), "ana", "c", NOW);
        Silence ended = silences.expire(s.id(), NOW.plusSeconds(600), "bo").orElseThrow();
        assertEquals(NOW.plusSeconds(600), ended.endsAt());
        assertEquals("bo", ended.endedBy(), "who ended it is kept beside who created it");
        assertFalse(silences.silenced(alert("a", AlertState.FIRING, Severity.CRITICAL, NOW, Map.of()), NOW.plusSeconds(601)));
        assertTrue(silences.expire("no-such-id", NOW, "bo").isEmpty());

        clock.advance(Duration.ofDays(1).plusSeconds(601));
        assertEquals(List.of(), silences.all(), "forgotten in memory");
        assertEquals(List.of(), new Silences(new io.pipewatch.store.StateTableSilenceStore(table, json), clock).all(), "expired from the store");
    }

    @Test
    void aSilenceWithoutAuthorReasonOrFutureIsRefused() {
        var silences = new Silences(new io.pipewatch.store.StateTableSilenceStore(table, json), clock);
        Instant end = NOW.plusSeconds(60);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> silences.create(List.of("alarm=a"), NOW, end, " ", "c", NOW))
                .getMessage().startsWith("createdBy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> silences.create(List.of("alarm=a"), NOW, end, "ana", null, NOW))
                .getMessage().startsWith("comment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> silences.create(List.of("alarm=a"), NOW, NOW.minusSeconds(1),
                "ana", "c", NOW)).getMessage().startsWith("endsAt"));
        assertEquals("comment: at most 1000 characters (got 1048576)", assertThrows(IllegalArgumentException.class,
                () -> silences.create(List.of("alarm=a"), NOW, end, "ana", "x".repeat(1 << 20), NOW)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> silences.create(List.of("alarm=" + "a".repeat(2000)), NOW,
                end, "ana", "c", NOW)).getMessage().startsWith("matchers: at most 1100 characters"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> silences.create(
                java.util.Collections.nCopies(21, "alarm=a"), NOW, end, "ana", "c", NOW)).getMessage().startsWith("matchers: at most 20"));
        assertEquals(List.of(), silences.all(), "nothing stored for a refused request");
    }
}
