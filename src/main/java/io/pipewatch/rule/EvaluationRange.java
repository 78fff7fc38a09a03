package io.pipewatch.rule;

import java.util.ArrayList;
import java.util.List;

/** An alarm's evaluation range: one reading per period, oldest first. */
public record EvaluationRange(List<Reading> periods) {

    /** A range of plain values (no band, no sample counts); null is missing. */
    public static EvaluationRange of(List<Double> values) {
        List<Reading> out = new ArrayList<>(values.size());
        for (Double v : values) {
            out.add(Reading.of(v));
        }
        return new EvaluationRange(out);
    }

    public List<Double> values() {
        return periods.stream().map(Reading::value).toList();
    }
}
