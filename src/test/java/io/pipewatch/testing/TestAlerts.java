package io.pipewatch.testing;

import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.notify.GroupNotification;
import io.pipewatch.rule.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts and notifications for tests that need them without an evaluation behind them. */
public final class TestAlerts {

    private TestAlerts() {
    }

    /** A firing (or resolved, or other) alert with the given labels, fired at {@code firingSince}. */
    public static Alert alert(String id, AlertState state, Severity severity, Instant firingSince, Map<String, String> labels) {
        return new Alert(id, "Alarm " + id, state, severity, "summary of " + id, "resource-" + id,
                "Maximum x > 1 for 1 of 1 × 60s", 2.0, 1, firingSince, firingSince, "reason",
                "https://pipewatch.example.com/runbooks/" + id, "https://pipewatch.example.com/dashboards/d", labels,
                List.of(), Alert.PIPEWATCH, null, null, io.pipewatch.signal.Unit.NONE);
    }

    /** The alert in another state, as the tracker would hold it after a transition at {@code at}. */
    public static Alert in(Alert a, AlertState state, Instant at) {
        return new Alert(a.id(), a.alarm(), state, a.severity(), a.summary(), a.resource(), a.condition(), a.value(),
                a.threshold(), at, state == AlertState.FIRING ? at : a.firingSince(), a.reason(), a.runbook(), a.dashboard(),
                a.labels(), a.transitions(), a.source(), state == AlertState.FIRING ? null : a.ack(), a.reportedAt(),
                a.unit());
    }

    /** A message about one alert, as a group of one sends it. */
    public static GroupNotification single(Alert alert) {
        boolean firing = alert.state() == AlertState.FIRING;
        return new GroupNotification("slack", "default{}", Map.of(), firing ? List.of(alert) : List.of(),
                firing ? List.of() : List.of(alert), 0, 0, false, alert.dashboard(), alert.since());
    }
}
