package io.pipewatch.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides an alarm's verdict from the datapoints of its evaluation range with CloudWatch's
 * documented semantics ("Configuring how CloudWatch alarms treat missing data"):
 * <ol>
 * <li>With at least N real datapoints in the range, the N most recent real ones are evaluated and
 * the missing-data setting does not matter.</li>
 * <li>With fewer, {@code breaching}/{@code notBreaching} fill the gap up to N with breaching or
 * good points ("as few times as possible"), then M of N decides.</li>
 * <li>{@code missing} evaluates the real points alone: no real point at all is
 * INSUFFICIENT_DATA; a non-breaching point decides OK; when every real point breaches but fewer
 * than M exist, the alarm goes to ALARM only once the oldest breaching point is at least M periods
 * old (the "premature alarm" rule), otherwise it waits.</li>
 * <li>{@code ignore} behaves like {@code missing} except that wherever {@code missing} would rely
 * on absent data (no data, premature alarm, waiting) the current state is kept.</li>
 * </ol>
 * AWS publishes no formula for the length of the evaluation range; its worked example retrieves
 * N + 2 datapoints, and so does Pipewatch.
 * <p>
 * An anomaly detection alarm compares each value with that period's band; a value with no band yet (the
 * model is still training) cannot be judged and counts as missing. A percentile alarm that ignores low
 * sample counts keeps its state while the newest datapoint summarises too few samples.
 */
public final class AlarmEvaluator {

    /** Datapoints beyond N retrieved so that a few missing ones can be looked past. */
    public static final int EXTRA_DATAPOINTS = 2;

    public static int rangeLength(EvaluationCriteria criteria) {
        return criteria.evaluationPeriods() + EXTRA_DATAPOINTS;
    }

    /**
     * @param range one value per period of the evaluation range, oldest first; null is missing
     */
    public Outcome evaluate(List<Double> range, EvaluationCriteria criteria) {
        return evaluate(EvaluationRange.of(range), criteria);
    }

    public Outcome evaluate(EvaluationRange range, EvaluationCriteria criteria) {
        int n = criteria.evaluationPeriods();
        int m = criteria.datapointsToAlarm();
        List<Boolean> real = new ArrayList<>();
        Double latest = null;
        Reading newest = null;
        int oldestBreachingAge = 0;
        List<Reading> periods = range.periods();
        for (int i = 0; i < periods.size(); i++) {
            Reading reading = periods.get(i);
            if (!reading.hasValue()) {
                continue;
            }
            newest = reading;
            Boolean breaching = criteria.breaches(reading);
            if (breaching == null) {
                continue;
            }
            real.add(breaching);
            latest = reading.value();
            if (breaching && oldestBreachingAge == 0) {
                oldestBreachingAge = periods.size() - i;
            }
        }
        if (newest != null && criteria.tooFewSamples(newest)) {
            return new Outcome(Verdict.KEEP, 0, 0, newest.value(), "the newest datapoint summarises "
                    + AlarmDefinition.formatNumber(newest.samples()) + " samples, fewer than the " + criteria.minimumSamples()
                    + " its percentile needs; state kept (evaluate_low_sample_count_percentile: ignore)");
        }
        if (real.size() >= n) {
            int b = count(real.subList(real.size() - n, real.size()));
            return decide(b >= m, b, n, latest,
                    b + " of the last " + n + " datapoints breach (" + m + " needed)");
        }
        int filled = n - real.size();
        int b = count(real);
        return switch (criteria.treatMissingData()) {
            case BREACHING -> decide(b + filled >= m, b + filled, n, latest,
                    b + " breaching and " + filled + " missing treated as breaching (" + m + " of " + n + " needed)");
            case NOT_BREACHING -> decide(b >= m, b, n, latest,
                    b + " breaching, " + filled + " missing treated as not breaching (" + m + " of " + n + " needed)");
            case MISSING, IGNORE -> fromRealPointsOnly(real, b, m, oldestBreachingAge, latest,
                    criteria.treatMissingData() == TreatMissingData.IGNORE);
        };
    }

    private Outcome fromRealPointsOnly(List<Boolean> real, int b, int m, int oldestBreachingAge, Double latest,
            boolean ignore) {
        int evaluated = real.size();
        if (real.isEmpty()) {
            return ignore
                    ? new Outcome(Verdict.KEEP, 0, 0, null, "no datapoints in the evaluation range; missing data ignored")
                    : new Outcome(Verdict.INSUFFICIENT_DATA, 0, 0, null, "no datapoints in the evaluation range");
        }
        if (b >= m) {
            return new Outcome(Verdict.ALARM, b, evaluated, latest,
                    b + " of " + evaluated + " available datapoints breach (" + m + " needed)");
        }
        if (b < evaluated) {
            return new Outcome(Verdict.OK, b, evaluated, latest,
                    b + " of " + evaluated + " available datapoints breach (" + m + " needed)");
        }
        if (oldestBreachingAge >= m) {
            return ignore
                    ? new Outcome(Verdict.KEEP, b, evaluated, latest,
                            "only breaching datapoints, the rest missing; missing data ignored")
                    : new Outcome(Verdict.ALARM, b, evaluated, latest, "breaching for " + oldestBreachingAge
                            + " periods with no good datapoint since (" + m + " needed)");
        }
        return new Outcome(Verdict.KEEP, b, evaluated, latest,
                b + " breaching datapoint(s), too recent to decide (" + m + " needed)");
    }

    private static Outcome decide(boolean alarm, int breaching, int evaluated, Double latest, String reason) {
        return new Outcome(alarm ? Verdict.ALARM : Verdict.OK, breaching, evaluated, latest, reason);
    }

    private static int count(List<Boolean> flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return c;
    }
}
