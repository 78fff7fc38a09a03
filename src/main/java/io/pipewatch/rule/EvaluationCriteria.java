package io.pipewatch.rule;

/** The part of an alarm that decides its state from datapoints: CloudWatch's M out of N. */
public record EvaluationCriteria(Comparison comparison, double threshold, int evaluationPeriods,
        int datapointsToAlarm, TreatMissingData treatMissingData) {

    public boolean breaches(double value) {
        return comparison.breaches(value, threshold);
    }
}
