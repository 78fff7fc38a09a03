package io.pipewatch.rule;

/**
 * One period of an alarm's evaluation range: its value, the expected band when the alarm compares with
 * one, and how many samples the value summarises (read for percentile alarms). Each is null when absent.
 */
public record Reading(Double value, Band band, Double samples) {

    public static Reading of(Double value) {
        return new Reading(value, null, null);
    }

    boolean hasValue() {
        return value != null && !value.isNaN();
    }
}
