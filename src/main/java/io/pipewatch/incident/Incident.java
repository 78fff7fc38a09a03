package io.pipewatch.incident;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Alerts on stages of one pipeline that overlap in time: one incident, with the stage that went wrong first as its
 * {@code cause} and the others as its {@code effects}. {@code pipeline} is the dashboard's id; an alert on no stage of
 * any pipeline is an incident of its own, without one. {@code members} keep what judging the cause needs; {@code alerts}
 * lists their ids, cause first. {@code mergedInto} names the incident this one became part of, when an alert later
 * showed them to be one.
 */
public record Incident(String id, String pipeline, State state, String title, Cause cause, List<Effect> effects,
        List<String> alerts, Instant startedAt, Instant resolvedAt, List<Member> members, String mergedInto) {

    public enum State {
        OPEN, RESOLVED;

        @JsonValue
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String spelling) {
            return valueOf(spelling.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * The alert judged to be the cause: {@code stage} is the resource of its stage ({@code ingest-impressions}),
     * {@code alarm} the alert's id, and {@code reason} the judgement in one line.
     */
    public record Cause(String stage, String stageTitle, String stageId, String alarm, String alarmName, String reason) {
    }

    /** An alert of the incident that is not its cause, with why it follows (empty when no rule links it). */
    public record Effect(String stage, String stageTitle, String stageId, String alarm, String alarmName, String why) {
    }

    /**
     * One alert of the incident as the judgement reads it: where it is, what kind of trouble it reports, when it
     * first fired in this incident, and whether it fires now.
     */
    public record Member(String alert, String alarmName, String stageId, String stage, String stageTitle, Symptom symptom,
            Instant firedAt, boolean firing) {

        Member notFiring() {
            return new Member(alert, alarmName, stageId, stage, stageTitle, symptom, firedAt, false);
        }

        Member firingAgain() {
            return new Member(alert, alarmName, stageId, stage, stageTitle, symptom, firedAt, true);
        }
    }

    public Incident {
        effects = List.copyOf(effects);
        alerts = List.copyOf(alerts);
        members = List.copyOf(members);
    }

    public boolean open() {
        return state == State.OPEN;
    }

    /** How much before and after an incident its link shows: the build-up and the recovery. */
    static final java.time.Duration MARGIN = java.time.Duration.ofMinutes(10);

    /**
     * Where to look: the pipeline's dashboard at the incident's window (10 minutes either side; live while it is open)
     * and at the cause's stage, {@code /dashboards/demo-pipeline?from=…&to=…#stage-ingest-impressions}. Empty for an
     * incident on no pipeline.
     */
    public java.util.Optional<String> dashboardPath() {
        if (pipeline == null) {
            return java.util.Optional.empty();
        }
        String to = open() || resolvedAt == null ? "now" : resolvedAt.plus(MARGIN).toString();
        return java.util.Optional.of("/dashboards/" + pipeline + "?from=" + startedAt.minus(MARGIN) + "&to=" + to
                + (cause.stageId() == null ? "" : "#" + cause.stageId()));
    }

    public boolean has(String alertId) {
        return members.stream().anyMatch(m -> m.alert().equals(alertId));
    }
}
