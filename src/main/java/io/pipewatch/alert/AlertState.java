package io.pipewatch.alert;

import io.pipewatch.rule.Outcome;

/**
 * The life of an alert and the only transitions it may take. PENDING (breaching, but fewer than M
 * datapoints) is shown, never sent. An evaluation range with no data at all is INSUFFICIENT_DATA whatever the
 * state before, as CloudWatch has it: the page shows what CloudWatch says. A FIRING alert that loses its data is
 * not resolved quietly, though: it is told as "stopped reporting while firing" ({@link AlertChange}).
 */
public enum AlertState {
    OK, PENDING, FIRING, RESOLVED, INSUFFICIENT_DATA;

    /** The state after an evaluation's outcome, from this state. */
    public AlertState next(Outcome outcome) {
        return switch (outcome.verdict()) {
            case ALARM -> FIRING;
            case KEEP -> this;
            case INSUFFICIENT_DATA -> INSUFFICIENT_DATA;
            case OK -> this == FIRING ? RESOLVED
                    : outcome.breaching() > 0 ? PENDING
                    : this == RESOLVED ? RESOLVED : OK;
        };
    }

    /** The state as CloudWatch (and a composite rule) names it: firing is ALARM; pending and resolved are still OK. */
    public io.pipewatch.rule.CompositeRule.State asCloudWatch() {
        return switch (this) {
            case FIRING -> io.pipewatch.rule.CompositeRule.State.ALARM;
            case INSUFFICIENT_DATA -> io.pipewatch.rule.CompositeRule.State.INSUFFICIENT_DATA;
            case OK, PENDING, RESOLVED -> io.pipewatch.rule.CompositeRule.State.OK;
        };
    }
}
