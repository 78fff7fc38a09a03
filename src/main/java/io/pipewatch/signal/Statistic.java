package io.pipewatch.signal;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch statistics, and how finer datapoints roll up into a coarser period when a series is
 * stored at a finer resolution than an alarm's period.
 */
public final class Statistic {

    public static final Set<String> BASIC = Set.of("Sum", "Average", "Minimum", "Maximum", "SampleCount");
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,2})?|100)");

    private Statistic() {
    }

    public static boolean isValid(String statistic) {
        return BASIC.contains(statistic) || PERCENTILE.matcher(statistic).matches();
    }

    /**
     * Combines the datapoints of one period. Percentiles cannot be merged exactly from finer
     * percentiles, so they roll up as the maximum: an upper bound, which errs towards alarming.
     */
    public static double rollUp(String statistic, List<Datapoint> points) {
        var values = points.stream().mapToDouble(Datapoint::value);
        // A band's edges add up as its metric does: a minute's expected Sum is the sum of its steps' (wider, never narrower).
        String of = statistic.contains(":band_") ? statistic.substring(0, statistic.indexOf(":band_")) : statistic;
        return switch (of) {
            case "Sum", "SampleCount" -> values.sum();
            case "Average" -> values.average().orElse(Double.NaN);
            case "Minimum" -> values.min().orElse(Double.NaN);
            default -> values.max().orElse(Double.NaN);
        };
    }
}
