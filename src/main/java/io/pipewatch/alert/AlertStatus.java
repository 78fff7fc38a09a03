package io.pipewatch.alert;

import java.time.Instant;

/**
 * Where an alert stands now: its {@code state} since {@code since}, when it last started firing
 * ({@code firingSince}), the value last seen (null when there was none) and why. {@code reportedAt} is the newest
 * state change CloudWatch reported for it: SNS does not keep order, so an older report is ignored. {@code impact} is
 * what Pipewatch predicts while the alert is active (when the stream it watches starts losing data), if anything.
 */
public record AlertStatus(
        AlertState state,
        Instant since,
        Instant firingSince,
        Double value,
        String reason,
        Instant reportedAt,
        Impact impact) {

    /** A status with no impact predicted. */
    public AlertStatus(AlertState state, Instant since, Instant firingSince, Double value, String reason, Instant reportedAt) {
        this(state, since, firingSince, value, reason, reportedAt, null);
    }

    public AlertStatus predicting(Impact predicted) {
        return new AlertStatus(state, since, firingSince, value, reason, reportedAt, predicted);
    }

    public boolean active() {
        return state == AlertState.FIRING || state == AlertState.PENDING;
    }
}
