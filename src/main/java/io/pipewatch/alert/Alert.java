package io.pipewatch.alert;

import io.pipewatch.rule.Severity;
import io.pipewatch.signal.Unit;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alarm's current alert: what {@code GET /api/alerts}, the dashboard and the notifiers show. Kept as what it is
 * about ({@link AlertSubject}, fixed), where it stands ({@link AlertStatus}, replaced at each change), its newest
 * {@code transitions} and who acknowledged the current firing ({@code ack}, if anyone). The accessors below read
 * through to the parts so that readers need not know the split; JSON stays one flat object, as the API and the
 * documents stored before the split have it. {@code valueText}/{@code thresholdText} are the value and threshold as
 * people read them ("45 s", "10.3 %"; the raw numbers stay beside them).
 */
@JsonIgnoreProperties(value = {"valueText", "thresholdText"}, allowGetters = true)
public record Alert(
        @JsonUnwrapped AlertSubject subject,
        @JsonUnwrapped AlertStatus status,
        List<Transition> transitions,
        Acknowledgement ack) {

    public static final String PIPEWATCH = "pipewatch";
    public static final String CLOUDWATCH = "cloudwatch";

    /**
     * Most urgent first, in the severity's own order. Here, with {@link #severityLabel()} and
     * {@link #valueText()}, so notifiers read what they show from the alert and never import {@code rule}.
     */
    public static final Comparator<Alert> MOST_URGENT_FIRST = Comparator.comparing(Alert::severity);

    public Alert {
        transitions = transitions == null ? List.of() : transitions;
    }

    /** A new alert of {@code subject} that has not been evaluated yet. */
    public static Alert notEvaluated(AlertSubject subject, Instant at, String reason) {
        return new Alert(subject, new AlertStatus(AlertState.INSUFFICIENT_DATA, at, null, null, reason, null), List.of(), null);
    }

    public String id() {
        return subject.id();
    }

    public String alarm() {
        return subject.alarm();
    }

    public Severity severity() {
        return subject.severity();
    }

    public String summary() {
        return subject.summary();
    }

    public String resource() {
        return subject.resource();
    }

    public String condition() {
        return subject.condition();
    }

    public double threshold() {
        return subject.threshold();
    }

    public Unit unit() {
        return subject.unit();
    }

    public String runbook() {
        return subject.runbook();
    }

    public String dashboard() {
        return subject.dashboard();
    }

    public Map<String, String> labels() {
        return subject.labels();
    }

    public String source() {
        return subject.source();
    }

    public AlertState state() {
        return status.state();
    }

    public Instant since() {
        return status.since();
    }

    public Instant firingSince() {
        return status.firingSince();
    }

    public Double value() {
        return status.value();
    }

    public String reason() {
        return status.reason();
    }

    public Instant reportedAt() {
        return status.reportedAt();
    }

    /** The severity as people read it ({@code critical}, {@code warning}, {@code info}). */
    public String severityLabel() {
        return severity().label();
    }

    /** What the numbers measure; none for an alert stored before units were kept. */
    public Unit unitOrNone() {
        return subject.unitOrNone();
    }

    /** The value as people read it, in its unit ("45 s", "10.3 %"), or "no data". */
    @JsonProperty("valueText")
    public String valueText() {
        return value() == null ? "no data" : unitOrNone().format(value());
    }

    @JsonProperty("thresholdText")
    public String thresholdText() {
        return Double.isNaN(threshold()) ? "" : unitOrNone().format(threshold());
    }

    public boolean active() {
        return status.active();
    }

    /** What routes and silences match on: the alarm's labels, plus {@code alarm}, {@code severity} and {@code source}. */
    public Map<String, String> matchLabels() {
        Map<String, String> out = new LinkedHashMap<>(labels());
        out.put("alarm", id());
        out.put("severity", severity().label());
        out.put("source", source());
        return out;
    }

    /** The alert without its transitions: what a message needs, a fraction of the size. */
    public Alert withoutHistory() {
        return new Alert(subject, status, List.of(), ack);
    }

    /** The same alert, where it stands unchanged, about a subject described anew (its alarm's definition changed). */
    public Alert about(AlertSubject described) {
        return new Alert(described, status, transitions, ack);
    }

    /** The same alert with one more label: what delivery adds (the incident) for routes, silences and grouping. */
    public Alert labelled(String key, String value) {
        return about(subject.withLabel(key, value));
    }

    /** The same alert, with what is predicted now (nothing, when {@code predicted} is null). */
    public Alert predicting(Impact predicted) {
        return new Alert(subject, status.predicting(predicted), transitions, ack);
    }

    public Alert acknowledged(Acknowledgement by) {
        return new Alert(subject, status, transitions, by);
    }
}
