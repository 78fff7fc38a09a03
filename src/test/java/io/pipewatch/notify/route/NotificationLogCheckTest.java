package io.pipewatch.notify.route;

import static io.pipewatch.testing.TestAlerts.alert;
import static io.pipewatch.testing.TestAlerts.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.rule.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dedup stage alone: what the log says was last said, what would be said now, and the time. */
class NotificationLogCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
    private static final Duration REPEAT = Duration.ofHours(4);

    private static Alert firing(String id, Instant since) {
        return alert(id, AlertState.FIRING, Severity.CRITICAL, since, Map.of("team", "pipeline"));
    }

    private static AlertGroups.LogEntry said(Instant at, Alert... firing) {
        return new AlertGroups.LogEntry("team=pipeline", 1, Set.of(java.util.Arrays.stream(firing)
                .map(NotificationLogCheck::firingKey).toArray(String[]::new)), at);
    }

    @Test
    void aGroupThatNeverSpokeSpeaksOfWhatFires() {
        var decision = NotificationLogCheck.decide(null, List.of(firing("a", T0)), List.of(), T0, REPEAT).orElseThrow();
        assertEquals(List.of("a"), decision.firing().stream().map(Alert::id).toList());
        assertEquals(Set.of("a@" + T0), decision.firingKeys());
        assertTrue(!decision.reminder());
    }

    @Test
    void theSameFiringIsNotNewsButASecondFiringOfTheSameAlarmIs() {
        Alert a = firing("a", T0);
        var log = said(T0, a);
        assertEquals(java.util.Optional.empty(), NotificationLogCheck.decide(log, List.of(a), List.of(), T0.plusSeconds(60), REPEAT));
        Alert again = firing("a", T0.plus(Duration.ofMinutes(30)));
        assertTrue(NotificationLogCheck.decide(log, List.of(again), List.of(), T0.plus(Duration.ofMinutes(31)), REPEAT).isPresent());
    }

    @Test
    void aResolutionIsOwedOnlyForAnAlarmTheGroupAnnounced() {
        Alert a = firing("a", T0);
        Alert neverSaid = in(firing("b", T0), AlertState.RESOLVED, T0.plusSeconds(90));
        assertEquals(java.util.Optional.empty(), NotificationLogCheck.decide(said(T0, a), List.of(a), List.of(neverSaid),
                T0.plusSeconds(120), REPEAT), "b's firing was never sent: its resolution is not news");
        Alert resolved = in(a, AlertState.RESOLVED, T0.plusSeconds(90));
        var decision = NotificationLogCheck.decide(said(T0, a), List.of(), List.of(resolved), T0.plusSeconds(120), REPEAT)
                .orElseThrow();
        assertEquals(List.of(resolved), decision.resolved());
        assertEquals(Set.of(), decision.firingKeys(), "the log will say nothing fires");
    }

    @Test
    void aReminderComesAfterTheRepeatIntervalUnlessEveryFiringIsAcknowledged() {
        Alert a = firing("a", T0);
        var log = said(T0, a);
        assertEquals(java.util.Optional.empty(), NotificationLogCheck.decide(log, List.of(a), List.of(), T0.plus(REPEAT).minusSeconds(1), REPEAT));
        assertTrue(NotificationLogCheck.decide(log, List.of(a), List.of(), T0.plus(REPEAT), REPEAT).orElseThrow().reminder());
        Alert owned = a.acknowledged(new Acknowledgement("ana", "on it", T0.plusSeconds(60)));
        assertEquals(java.util.Optional.empty(), NotificationLogCheck.decide(log, List.of(owned), List.of(), T0.plus(REPEAT), REPEAT),
                "someone owns it: no reminder");
    }
}
