package io.pipewatch.dashboard;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pipewatch.rule.Expression;
import io.pipewatch.signal.SeriesKey;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of a chart: a stored series, or metric math over named stored series (an error rate is
 * {@code 100 * errors / invocations}), computed when a window is read so that it costs no extra
 * CloudWatch metric. {@code perSecond} charts a per-period sum as a rate, so the line does not
 * change height when the data's resolution changes (10 s demo, 60 s CloudWatch).
 */
public record PanelSeries(@JsonIgnore Map<String, SeriesKey> inputs, @JsonIgnore Expression expression, String label,
        String unit, boolean perSecond) {

    private static final String ONLY = "m";

    public PanelSeries {
        inputs = Map.copyOf(inputs);
    }

    public static PanelSeries of(SeriesKey key, String label, String unit, boolean perSecond) {
        return new PanelSeries(Map.of(ONLY, key), null, label, unit, perSecond);
    }

    public static PanelSeries math(String expression, Map<String, SeriesKey> inputs, String label, String unit) {
        Expression parsed = Expression.parse(expression);
        if (!inputs.keySet().containsAll(parsed.ids())) {
            throw new IllegalArgumentException(expression + " names a metric that is not among " + inputs.keySet());
        }
        return new PanelSeries(inputs, parsed, label, unit, false);
    }

    /** A stored series is named by its key; a computed one by its expression over the keys it reads. */
    @JsonProperty("id")
    public String id() {
        if (expression == null) {
            return inputs.get(ONLY).id();
        }
        return "(" + expression + ") where " + new java.util.TreeMap<>(inputs).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().id()).collect(Collectors.joining(", "));
    }

    @JsonIgnore
    public Collection<SeriesKey> keys() {
        return inputs.values();
    }

    /** The stored series itself, or null for metric math. */
    @JsonIgnore
    public SeriesKey key() {
        return expression == null ? inputs.get(ONLY) : null;
    }
}
