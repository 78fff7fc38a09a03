package io.pipewatch.rule;

/** The range of expected values CloudWatch's anomaly detection model gives for one period. */
public record Band(double lower, double upper) {
}
