package io.pipewatch.alert;

import io.pipewatch.rule.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alarm's current alert: what {@code GET /api/alerts}, the dashboard and the notifiers show.
 * {@code since} is when the current state began; {@code firingSince} when it last started firing.
 */
public record Alert(
        String id,
        String alarm,
        AlertState state,
        Severity severity,
        String summary,
        String resource,
        String condition,
        Double value,
        double threshold,
        Instant since,
        Instant firingSince,
        String reason,
        String runbook,
        String dashboard,
        Map<String, String> labels,
        List<Transition> transitions) {

    public boolean active() {
        return state == AlertState.FIRING || state == AlertState.PENDING;
    }
}
