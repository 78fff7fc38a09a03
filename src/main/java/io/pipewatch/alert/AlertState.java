package io.pipewatch.alert;

import io.pipewatch.rule.Outcome;

/**
 * The life of an alert and the only transitions it may take. PENDING (breaching, but fewer than M
 * datapoints) is shown, never sent. A FIRING alert whose data goes missing stays FIRING: an
 * on-call engineer would rather see a stale alarm than a silent resolution.
 */
public enum AlertState {
    OK, PENDING, FIRING, RESOLVED, INSUFFICIENT_DATA;

    /** The state after an evaluation's outcome, from this state. */
    public AlertState next(Outcome outcome) {
        return switch (outcome.verdict()) {
            case ALARM -> FIRING;
            case KEEP -> this;
            case INSUFFICIENT_DATA -> this == FIRING ? FIRING : INSUFFICIENT_DATA;
            case OK -> this == FIRING ? RESOLVED
                    : outcome.breaching() > 0 ? PENDING
                    : this == RESOLVED ? RESOLVED : OK;
        };
    }
}
