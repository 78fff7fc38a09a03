package io.pipewatch.rule;

/**
 * The part of an alarm that decides its state from datapoints: CloudWatch's M out of N. For a band
 * comparison the threshold is the band's width (ANOMALY_DETECTION_BAND's standard deviations);
 * {@code minimumSamples} is 0 unless a percentile alarm ignores periods of too few samples.
 */
public record EvaluationCriteria(Comparison comparison, double threshold, int evaluationPeriods,
        int datapointsToAlarm, TreatMissingData treatMissingData, long minimumSamples) {

    public EvaluationCriteria(Comparison comparison, double threshold, int evaluationPeriods, int datapointsToAlarm,
            TreatMissingData treatMissingData) {
        this(comparison, threshold, evaluationPeriods, datapointsToAlarm, treatMissingData, 0);
    }

    public boolean breaches(double value) {
        return comparison.breaches(value, threshold);
    }

    /** Whether a reading breaches; null when it cannot be judged (a band comparison without a band yet). */
    Boolean breaches(Reading reading) {
        if (!comparison.withBand()) {
            return comparison.breaches(reading.value(), threshold);
        }
        return reading.band() == null ? null : comparison.breaches(reading.value(), reading.band());
    }

    /** Whether a reading summarises too few samples to change the alarm's state. */
    boolean tooFewSamples(Reading reading) {
        return minimumSamples > 0 && reading.samples() != null && reading.samples() < minimumSamples;
    }
}
