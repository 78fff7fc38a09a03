package io.pipewatch.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/** CloudWatch's comparison operators, written either by their CloudWatch names or as symbols. */
public enum Comparison {
    GreaterThanThreshold(">"),
    GreaterThanOrEqualToThreshold(">="),
    LessThanThreshold("<"),
    LessThanOrEqualToThreshold("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GreaterThanThreshold -> value > threshold;
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
        };
    }

    /** Every accepted spelling, for parsing and for error messages. */
    public static Map<String, Comparison> spellings() {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (Comparison c : values()) {
            out.put(c.symbol, c);
        }
        for (Comparison c : values()) {
            out.put(c.name(), c);
        }
        return out;
    }
}
