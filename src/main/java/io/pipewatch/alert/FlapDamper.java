package io.pipewatch.alert;

import io.pipewatch.rule.Outcome;
import io.pipewatch.rule.Verdict;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides one alert's next state with flap damping: a firing alert whose condition clears stays FIRING
 * until the condition has stayed clear for the hold time (an alarm's {@code keep_firing_for} periods),
 * so an alarm hovering at its threshold pages once rather than at every crossing. A breach restarts the
 * hold. Time, not a count of evaluations: the service evaluates every poll, periods are minutes. The
 * service and {@code alarms test} both decide through it, so offline tests see what production does.
 */
public final class FlapDamper {

    private Instant clearedSince;

    public AlertState next(AlertState from, Outcome outcome, Instant at, Duration hold) {
        AlertState next = from.next(outcome);
        if (outcome.verdict() == Verdict.ALARM || from != AlertState.FIRING) {
            clearedSince = null;
        }
        if (from == AlertState.FIRING && next == AlertState.RESOLVED && !hold.isZero() && !hold.isNegative()) {
            if (clearedSince == null) {
                clearedSince = at;
            }
            if (Duration.between(clearedSince, at).compareTo(hold) < 0) {
                return AlertState.FIRING;
            }
        }
        if (next != AlertState.FIRING) {
            clearedSince = null;
        }
        return next;
    }
}
