package io.pipewatch.testing;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.AlertStatus;
import io.pipewatch.alert.AlertSubject;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts and notifications for tests that need them without an evaluation behind them. */
public final class TestAlerts {

    private TestAlerts() {
    }

    /** A firing (or resolved, or other) alert with the given labels, fired at {@code firingSince}. */
    public static Alert alert(String id, AlertState state, Severity severity, Instant firingSince, Map<String, String> labels) {
        var subject = new AlertSubject(id, "Alarm " + id, severity, "summary of " + id, "resource-" + id,
                "Maximum x > 1 for 1 of 1 × 60s", 1, Unit.NONE, "https://pipewatch.example.com/runbooks/" + id,
                "https://pipewatch.example.com/dashboards/d", labels, Alert.PIPEWATCH, List.of());
        return new Alert(subject, new AlertStatus(state, firingSince, firingSince, 2.0, "reason", null), List.of(), null);
    }

    /** The alert in another state, as the tracker would hold it after a transition at {@code at}. */
    public static Alert in(Alert a, AlertState state, Instant at) {
        boolean fires = state == AlertState.FIRING;
        return new Alert(a.subject(), new AlertStatus(state, at, fires ? at : a.firingSince(), a.value(), a.reason(),
                a.reportedAt()), a.transitions(), fires ? null : a.ack());
    }

    /** A message about one alert, as a group of one sends it. */
    public static GroupNotification single(Alert alert) {
        boolean firing = alert.state() == AlertState.FIRING;
        return new GroupNotification("slack", "default{}", Map.of(), firing ? List.of(alert) : List.of(),
                firing ? List.of() : List.of(alert), 0, 0, false, alert.dashboard(), alert.since(), null, null, List.of());
    }
}
