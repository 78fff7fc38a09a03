package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.rule.Severity;
import io.pipewatch.testing.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deciding what an outcome or a report changes, as a value: nothing is stored or announced here. */
class AlertChangeTest {

    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

    private static Alert in(AlertState state) {
        return TestAlerts.alert("lag", state, Severity.CRITICAL, T0, Map.of("team", "ingest"));
    }

    @Test
    void goingIntoFiringIsANewIncidentToldAndStored() {
        Alert before = in(AlertState.PENDING).acknowledged(new Acknowledgement("ana", "old one", T0));
        Instant at = T0.plus(Duration.ofMinutes(3));
        AlertChange change = AlertChange.decide(before, AlertState.FIRING, at, "3 of 3 breaching", 5000.0, null);
        assertEquals(Optional.of(new Transition(AlertState.PENDING, AlertState.FIRING, at, "3 of 3 breaching", 5000.0)),
                change.transition());
        assertEquals(Optional.of(AlertNotification.Kind.FIRING), change.announced());
        assertTrue(change.stored());
        assertEquals(at, change.after().firingSince());
        assertEquals(at, change.after().since());
        assertNull(change.after().ack(), "an acknowledgement does not carry over to a new firing");
        assertEquals(before, change.before(), "the alert before is untouched");
    }

    @Test
    void resolvingAFiringIsToldAndKeepsWhenItFired() {
        Alert firing = in(AlertState.FIRING);
        AlertChange change = AlertChange.decide(firing, AlertState.RESOLVED, T0.plusSeconds(600), "0 of 3 breaching", 3.0, null);
        assertEquals(Optional.of(AlertNotification.Kind.RESOLVED), change.announced());
        assertEquals(firing.firingSince(), change.after().firingSince());
        assertEquals(3.0, change.after().value());
    }

    @Test
    void aChangeNobodyIsPagedForIsStoredButNotTold() {
        AlertChange change = AlertChange.decide(in(AlertState.PENDING), AlertState.OK, T0.plusSeconds(60), "0 of 3", null, null);
        assertTrue(change.transition().isPresent());
        assertTrue(change.stored());
        assertEquals(Optional.empty(), change.announced());
    }

    @Test
    void theSameStateTakesNoTransitionAndOnlyAReportIsStored() {
        Alert firing = in(AlertState.FIRING);
        AlertChange own = AlertChange.decide(firing, AlertState.FIRING, T0.plusSeconds(60), "still breaching", 7.0, null);
        assertEquals(Optional.empty(), own.transition());
        assertTrue(!own.stored(), "an unchanged evaluation is not written each minute");
        assertEquals("still breaching", own.after().reason());
        assertEquals(7.0, own.after().value());
        AlertChange reported = AlertChange.decide(firing, AlertState.FIRING, T0.plusSeconds(60), "Threshold Crossed", null,
                T0.plusSeconds(60));
        assertTrue(reported.stored(), "the newest report is kept, or an older one could undo it after a restart");
        assertEquals(T0.plusSeconds(60), reported.after().reportedAt());
        // Issue 17: keeping the last value made Slack say "FIRING … 1000" for an alarm whose threshold is 30000.
        assertEquals(null, reported.after().value(), "no value reported: none, not the last one seen");
        AlertChange evaluated = AlertChange.decide(firing, AlertState.FIRING, T0.plusSeconds(60), "still breaching", null, null);
        assertEquals(firing.value(), evaluated.after().value(), "Pipewatch's own evaluation without a value keeps the last");
    }

    @Test
    void anAlertKeepsItsNewestTwentyTransitions() {
        Alert alert = in(AlertState.OK);
        for (int i = 0; i < 25; i++) {
            AlertState next = alert.state() == AlertState.OK ? AlertState.PENDING : AlertState.OK;
            alert = AlertChange.decide(alert, next, T0.plusSeconds(60L * i), "step " + i, null, null).after();
        }
        assertEquals(20, alert.transitions().size());
        assertEquals("step 24", alert.transitions().get(19).reason());
        assertEquals("step 5", alert.transitions().get(0).reason());
    }
}
