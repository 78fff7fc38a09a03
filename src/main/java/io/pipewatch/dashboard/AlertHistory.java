package io.pipewatch.dashboard;

import io.pipewatch.alert.Acknowledgement;
import io.pipewatch.alert.Alert;
import io.pipewatch.alert.AlertState;
import io.pipewatch.alert.Transition;
import io.pipewatch.notify.delivery.DeliveryQueries;
import io.pipewatch.rule.AlarmDefinition;
import io.pipewatch.rule.EvaluationRange;
import io.pipewatch.rule.PeriodWindow;
import io.pipewatch.rule.Reading;
import io.pipewatch.signal.SeriesStore;
import io.pipewatch.silence.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything about one alert an on-call engineer reads before acting: what it checks, where it stands, how it got
 * there (every transition with its reason), what was said about it and to whom, who acknowledged or silenced it,
 * and its metric over the last hours with the threshold and the time it spent firing. {@code GET
 * /api/alerts/{id}/history} and the page {@code /alerts/{id}} show the same record.
 */
public record AlertHistory(Alert alert, String stageLink, List<Transition> transitions,
        List<DeliveryQueries.Notice> notifications, Acknowledgement acknowledgement, List<Silence> silences, Chart chart) {

    /** How far back the chart reaches, and at most how many periods it draws. */
    static final Duration CHART_SPAN = Duration.ofHours(3);
    static final int MAX_POINTS = 720;

    /** A time the alert was in one state: {@code to} is null while it still is. */
    public record Span(String state, Instant from, Instant to) {
    }

    /**
     * The alarm's metric as the alarm reads it (one value per period: its statistic or expression), with its fixed
     * threshold or its band, in its unit; empty {@code times} when Pipewatch does not poll what it watches (an alarm
     * CloudWatch alone knows, a composite).
     */
    public record Chart(List<Long> times, List<Double> values, Double threshold, List<Double> bandLower,
            List<Double> bandUpper, String unit, List<Span> spans, String note) {
    }

    /** The firing and pending spans of a history of transitions, oldest first. */
    static List<Span> spans(List<Transition> transitions) {
        List<Span> out = new ArrayList<>();
        Transition open = null;
        for (Transition t : transitions) {
            if (open != null) {
                out.add(new Span(open.to().name(), open.at(), t.at()));
                open = null;
            }
            if (t.to() == AlertState.FIRING || t.to() == AlertState.PENDING) {
                open = t;
            }
        }
        if (open != null) {
            out.add(new Span(open.to().name(), open.at(), null));
        }
        return out;
    }

    static Chart chart(Alert alert, AlarmDefinition alarm, SeriesStore store, Instant now) {
        List<Span> spans = spans(alert.transitions());
        if (alarm == null || alarm.composite().isPresent()) {
            String note = alarm != null ? "A composite alarm has no metric of its own: its children's pages chart theirs."
                    : "CloudWatch evaluates this alarm and reports it over SNS; Pipewatch does not poll what it watches.";
            return new Chart(List.of(), List.of(), null, List.of(), List.of(), alert.subject().unitOrNone().spelling(), spans, note);
        }
        int length = (int) Math.max(1, Math.min(MAX_POINTS, CHART_SPAN.toMillis() / alarm.period().toMillis()));
        EvaluationRange range = PeriodWindow.window(alarm, store, now, length);
        List<Long> times = PeriodWindow.periodStarts(alarm, now, length).stream().map(Instant::toEpochMilli).toList();
        List<Double> values = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        boolean band = alarm.bandOf().isPresent();
        for (Reading r : range.periods()) {
            values.add(r.value());
            if (band) {
                lower.add(r.band() == null ? null : r.band().lower());
                upper.add(r.band() == null ? null : r.band().upper());
            }
        }
        Double threshold = Double.isNaN(alarm.threshold()) ? null : alarm.threshold();
        return new Chart(times, values, threshold, lower, upper, alarm.unit().spelling(), spans, null);
    }
}
