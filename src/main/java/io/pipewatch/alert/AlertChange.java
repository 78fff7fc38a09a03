package io.pipewatch.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one evaluation outcome or CloudWatch report does to an alert, decided before anything is stored
 * or announced: the alert after it, the transition taken (none when the state stayed), whether the
 * result must be stored, and what people are told. {@link AlertTracker} applies it; deciding is pure.
 */
public record AlertChange(Alert before, Alert after, Optional<Transition> transition, boolean stored,
        Optional<AlertNotification.Kind> announced) {

    /** The newest transitions an alert keeps, for its page and its message. */
    static final int KEPT_TRANSITIONS = 20;

    /**
     * @param next the state the evaluation (through {@link AlertState#next} and flap damping) or the report leads to
     * @param latest the value the evaluation saw; null keeps the alert's last (for a report: none)
     * @param reportedAt the time of CloudWatch's report; null for Pipewatch's own evaluation
     */
    static AlertChange decide(Alert before, AlertState next, Instant at, String reason, Double latest, Instant reportedAt) {
        // CloudWatch's report is the whole truth about the value: one that quotes none leaves none, not the last one seen.
        Double value = latest != null || reportedAt != null ? latest : before.value();
        Instant reported = reportedAt != null ? reportedAt : before.reportedAt();
        if (next == before.state()) {
            Alert same = with(before, next, before.since(), before.firingSince(), value, reason, before.transitions(),
                    before.ack(), reported);
            // A report is stored even when nothing changed: the newest must survive a restart, or an older one could undo it.
            return new AlertChange(before, same, Optional.empty(), reportedAt != null, Optional.empty());
        }
        Transition transition = new Transition(before.state(), next, at, reason, latest);
        List<Transition> transitions = new ArrayList<>(before.transitions());
        transitions.add(transition);
        if (transitions.size() > KEPT_TRANSITIONS) {
            transitions.remove(0);
        }
        boolean fires = next == AlertState.FIRING;
        // A new firing is a new incident: the last one's acknowledgement does not carry over.
        Alert after = with(before, next, at, fires ? at : before.firingSince(), value, reason, List.copyOf(transitions),
                fires ? null : before.ack(), reported);
        boolean wasFiring = before.state() == AlertState.FIRING;
        Optional<AlertNotification.Kind> told = fires ? Optional.of(AlertNotification.Kind.FIRING)
                : wasFiring && next == AlertState.RESOLVED ? Optional.of(AlertNotification.Kind.RESOLVED)
                // The state is CloudWatch's; the on-call who was paged must hear that it went silent, not nothing.
                : wasFiring && next == AlertState.INSUFFICIENT_DATA ? Optional.of(AlertNotification.Kind.NO_DATA)
                : Optional.empty();
        return new AlertChange(before, after, Optional.of(transition), true, told);
    }

    private static Alert with(Alert a, AlertState state, Instant since, Instant firingSince, Double value,
            String reason, List<Transition> transitions, Acknowledgement ack, Instant reportedAt) {
        return new Alert(a.subject(), new AlertStatus(state, since, firingSince, value, reason, reportedAt), transitions, ack);
    }
}
