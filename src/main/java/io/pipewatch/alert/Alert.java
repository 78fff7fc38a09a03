package io.pipewatch.alert;

import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alarm's current alert: what {@code GET /api/alerts}, the dashboard and the notifiers show.
 * {@code since} is when the current state began; {@code firingSince} when it last started firing;
 * {@code source} who evaluated it ({@code pipewatch}, or {@code cloudwatch} when it came over SNS);
 * {@code ack} who acknowledged the current firing, if anyone; {@code reportedAt} the newest state
 * change CloudWatch reported for it (SNS does not keep order: older reports are ignored); {@code unit}
 * what {@code value} and {@code threshold} measure, and {@code valueText}/{@code thresholdText} the two
 * as people read them ("45 s", "10.3 %"; the raw numbers stay beside them).
 */
@JsonIgnoreProperties(value = {"valueText", "thresholdText"}, allowGetters = true)
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
        List<Transition> transitions,
        String source,
        Acknowledgement ack,
        Instant reportedAt,
        Unit unit) {

    public static final String PIPEWATCH = "pipewatch";
    public static final String CLOUDWATCH = "cloudwatch";

    /**
     * Most urgent first, in the severity's own order. Here, with {@link #severityLabel()} and
     * {@link #valueText()}, so notifiers read what they show from the alert and never import {@code rule}.
     */
    public static final Comparator<Alert> MOST_URGENT_FIRST = Comparator.comparing(Alert::severity);

    /** The severity as people read it ({@code critical}, {@code warning}, {@code info}). */
    public String severityLabel() {
        return severity.label();
    }

    /** What the numbers measure; none for an alert stored before units were kept. */
    public Unit unitOrNone() {
        return unit == null ? Unit.NONE : unit;
    }

    /** The value as people read it, in its unit ("45 s", "10.3 %"), or "no data". */
    @JsonProperty("valueText")
    public String valueText() {
        return value == null ? "no data" : unitOrNone().format(value);
    }

    @JsonProperty("thresholdText")
    public String thresholdText() {
        return Double.isNaN(threshold) ? "" : unitOrNone().format(threshold);
    }

    public boolean active() {
        return state == AlertState.FIRING || state == AlertState.PENDING;
    }

    /** What routes and silences match on: the alarm's labels, plus {@code alarm}, {@code severity} and {@code source}. */
    public Map<String, String> matchLabels() {
        Map<String, String> out = new LinkedHashMap<>(labels);
        out.put("alarm", id);
        out.put("severity", severity.label());
        out.put("source", source);
        return out;
    }

    /** The alert without its transitions: what a message needs, a fraction of the size. */
    public Alert withoutHistory() {
        return new Alert(id, alarm, state, severity, summary, resource, condition, value, threshold, since, firingSince,
                reason, runbook, dashboard, labels, List.of(), source, ack, reportedAt, unit);
    }

    public Alert acknowledged(Acknowledgement by) {
        return new Alert(id, alarm, state, severity, summary, resource, condition, value, threshold, since, firingSince,
                reason, runbook, dashboard, labels, transitions, source, by, reportedAt, unit);
    }
}
