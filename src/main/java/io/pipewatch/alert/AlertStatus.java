package io.pipewatch.alert;

import java.time.Instant;

/**
 * Where an alert stands now: its {@code state} since {@code since}, when it last started firing
 * ({@code firingSince}), the value last seen (null when there was none) and why. {@code reportedAt} is the newest
 * state change CloudWatch reported for it: SNS does not keep order, so an older report is ignored.
 */
public record AlertStatus(
        AlertState state,
        Instant since,
        Instant firingSince,
        Double value,
        String reason,
        Instant reportedAt) {

    public boolean active() {
        return state == AlertState.FIRING || state == AlertState.PENDING;
    }
}
