package io.pipewatch.rule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * {@code evaluate_low_sample_count_percentile}: what a percentile alarm does with a period of too few
 * samples ("Percentile-based CloudWatch alarms and low data samples"). {@code ignore} keeps the state;
 * {@code evaluate}, CloudWatch's default, judges the value however few samples made it.
 */
public enum LowSampleCount {
    EVALUATE("evaluate"), IGNORE("ignore");

    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(\\.\\d+)?)");
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final BigDecimal TEN = BigDecimal.TEN;

    private final String spelling;

    LowSampleCount(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public static Map<String, LowSampleCount> spellings() {
        Map<String, LowSampleCount> out = new LinkedHashMap<>();
        for (LowSampleCount l : values()) {
            out.put(l.spelling, l);
        }
        return out;
    }

    /**
     * The fewest samples a period needs for a {@code pNN} statistic to count: fewer than 10/(1−p) for p in
     * [0.5, 1), fewer than 10/p for p in (0, 0.5). Computed in decimal, so p99 needs exactly 1,000 (in
     * binary floating point 10/(1−0.99) is 999.99999999999991, and 1,000 samples would be "too few").
     * Empty for statistics the rule does not cover: not a percentile, p0 and p100.
     */
    public static OptionalLong minimumSamples(String statistic) {
        var m = PERCENTILE.matcher(statistic);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        BigDecimal p = new BigDecimal(m.group(1)).movePointLeft(2);
        if (p.signum() <= 0 || p.compareTo(BigDecimal.ONE) >= 0) {
            return OptionalLong.empty();
        }
        BigDecimal share = p.compareTo(HALF) >= 0 ? BigDecimal.ONE.subtract(p) : p;
        // "Fewer than 10/share": with whole samples, that is fewer than its ceiling.
        return OptionalLong.of(TEN.divide(share, 0, RoundingMode.CEILING).longValueExact());
    }
}
