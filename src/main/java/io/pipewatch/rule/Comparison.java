package io.pipewatch.rule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch's comparison operators, written either by their CloudWatch names or as symbols. The last
 * three compare with an anomaly detection band instead of a fixed threshold
 * ("Create a CloudWatch alarm based on anomaly detection"); they have no symbol to write them by.
 */
public enum Comparison {
    GreaterThanThreshold(">"),
    GreaterThanOrEqualToThreshold(">="),
    LessThanThreshold("<"),
    LessThanOrEqualToThreshold("<="),
    LessThanLowerOrGreaterThanUpperThreshold("outside the band"),
    GreaterThanUpperThreshold("above the band"),
    LessThanLowerThreshold("below the band");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether this comparison needs a band (anomaly detection) rather than a threshold. */
    public boolean withBand() {
        return ordinal() >= LessThanLowerOrGreaterThanUpperThreshold.ordinal();
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GreaterThanThreshold -> value > threshold;
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
            default -> throw new IllegalStateException(this + " compares with a band, not a threshold");
        };
    }

    /** A value on the band's edge is inside it: only strictly above the upper or below the lower bound breaches. */
    public boolean breaches(double value, Band band) {
        return switch (this) {
            case LessThanLowerOrGreaterThanUpperThreshold -> value < band.lower() || value > band.upper();
            case GreaterThanUpperThreshold -> value > band.upper();
            case LessThanLowerThreshold -> value < band.lower();
            default -> throw new IllegalStateException(this + " compares with a threshold, not a band");
        };
    }

    /** Every accepted spelling of a threshold comparison, for parsing and for error messages. */
    public static Map<String, Comparison> spellings() {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (Comparison c : values()) {
            if (!c.withBand()) {
                out.put(c.symbol, c);
            }
        }
        for (Comparison c : values()) {
            if (!c.withBand()) {
                out.put(c.name(), c);
            }
        }
        return out;
    }

    /** The band comparisons, by their CloudWatch names. */
    public static Map<String, Comparison> bandSpellings() {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (Comparison c : values()) {
            if (c.withBand()) {
                out.put(c.name(), c);
            }
        }
        return out;
    }
}
