package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every example of CloudWatch's documentation, "Configuring how CloudWatch alarms treat
 * missing data" (both tables: 3 of 3 and 2 of 3, evaluation range 5). In the notation of the docs,
 * 0 is a datapoint within the threshold, X a breaching one, - a missing one; the newest is last.
 * "KEEP" is the docs' "Retain current state".
 */
class AlarmEvaluatorTest {

    private final AlarmEvaluator evaluator = new AlarmEvaluator();

    static Stream<Arguments> documentedExamples() {
        return Stream.of(
                // Table 1: Evaluation Periods 3, Datapoints to Alarm 3
                //        points        M  MISSING              IGNORE  BREACHING  NOT BREACHING
                Arguments.of("0 - X - X", 3, "OK", "OK", "OK", "OK"),
                Arguments.of("0 - - - -", 3, "OK", "OK", "OK", "OK"),
                Arguments.of("- - - - -", 3, "INSUFFICIENT_DATA", "KEEP", "ALARM", "OK"),
                Arguments.of("0 X X - X", 3, "ALARM", "ALARM", "ALARM", "ALARM"),
                Arguments.of("- - X - -", 3, "ALARM", "KEEP", "ALARM", "OK"),
                // Table 2: Evaluation Periods 3, Datapoints to Alarm 2
                Arguments.of("0 - X - X", 2, "ALARM", "ALARM", "ALARM", "ALARM"),
                Arguments.of("0 0 X 0 X", 2, "ALARM", "ALARM", "ALARM", "ALARM"),
                Arguments.of("0 - X - -", 2, "OK", "OK", "ALARM", "OK"),
                Arguments.of("- - - - 0", 2, "OK", "OK", "ALARM", "OK"),
                Arguments.of("- - - X -", 2, "ALARM", "KEEP", "ALARM", "OK"));
    }

    @ParameterizedTest(name = "{0} with {1} of 3")
    @MethodSource("documentedExamples")
    void followsTheDocumentedExamples(String points, int m, String missing, String ignore, String breaching,
            String notBreaching) {
        List<Double> range = parse(points);
        assertEquals(Verdict.valueOf(missing), verdict(range, m, TreatMissingData.MISSING), "missing");
        assertEquals(Verdict.valueOf(ignore), verdict(range, m, TreatMissingData.IGNORE), "ignore");
        assertEquals(Verdict.valueOf(breaching), verdict(range, m, TreatMissingData.BREACHING), "breaching");
        assertEquals(Verdict.valueOf(notBreaching), verdict(range, m, TreatMissingData.NOT_BREACHING), "notBreaching");
    }

    static Stream<Arguments> moreCases() {
        return Stream.of(
                // M of N need not be consecutive: 3 of 5 with gaps of good points between them
                Arguments.of("X 0 X 0 X - -", 5, 3, TreatMissingData.MISSING, Verdict.ALARM),
                Arguments.of("X 0 X 0 0 - -", 5, 3, TreatMissingData.MISSING, Verdict.OK),
                // a lone breaching point too recent to judge: wait, whatever the state is
                Arguments.of("- - - - X", 3, 3, TreatMissingData.MISSING, Verdict.KEEP),
                // real points decide; the missing-data setting is ignored when there are enough of them
                Arguments.of("X X - X X", 3, 3, TreatMissingData.NOT_BREACHING, Verdict.ALARM),
                Arguments.of("0 0 - 0 0", 3, 1, TreatMissingData.BREACHING, Verdict.OK),
                Arguments.of("- X", 1, 1, TreatMissingData.MISSING, Verdict.ALARM),
                Arguments.of("X 0", 1, 1, TreatMissingData.MISSING, Verdict.OK));
    }

    @ParameterizedTest(name = "{0}: {2} of {1}, {3}")
    @MethodSource("moreCases")
    void decidesMofN(String points, int n, int m, TreatMissingData mode, Verdict expected) {
        var criteria = new EvaluationCriteria(Comparison.GreaterThanThreshold, 10, n, m, mode);
        assertEquals(expected, evaluator.evaluate(parse(points), criteria).verdict());
    }

    @ParameterizedTest(name = "{0} {1} 10")
    @MethodSource("comparisons")
    void comparesWithTheThreshold(Comparison comparison, double value, Verdict expected) {
        var criteria = new EvaluationCriteria(comparison, 10, 1, 1, TreatMissingData.MISSING);
        assertEquals(expected, evaluator.evaluate(List.of(value), criteria).verdict());
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                Arguments.of(Comparison.GreaterThanThreshold, 10.0, Verdict.OK),
                Arguments.of(Comparison.GreaterThanOrEqualToThreshold, 10.0, Verdict.ALARM),
                Arguments.of(Comparison.LessThanThreshold, 10.0, Verdict.OK),
                Arguments.of(Comparison.LessThanThreshold, 9.5, Verdict.ALARM),
                Arguments.of(Comparison.LessThanOrEqualToThreshold, 10.0, Verdict.ALARM));
    }

    static Stream<Arguments> bandComparisons() {
        // the band is 10..20; its edges are inside it
        return Stream.of(
                Arguments.of(Comparison.LessThanLowerOrGreaterThanUpperThreshold, 15.0, Verdict.OK),
                Arguments.of(Comparison.LessThanLowerOrGreaterThanUpperThreshold, 20.0, Verdict.OK),
                Arguments.of(Comparison.LessThanLowerOrGreaterThanUpperThreshold, 10.0, Verdict.OK),
                Arguments.of(Comparison.LessThanLowerOrGreaterThanUpperThreshold, 20.5, Verdict.ALARM),
                Arguments.of(Comparison.LessThanLowerOrGreaterThanUpperThreshold, 9.5, Verdict.ALARM),
                Arguments.of(Comparison.GreaterThanUpperThreshold, 20.5, Verdict.ALARM),
                Arguments.of(Comparison.GreaterThanUpperThreshold, 9.5, Verdict.OK),
                Arguments.of(Comparison.LessThanLowerThreshold, 9.5, Verdict.ALARM),
                Arguments.of(Comparison.LessThanLowerThreshold, 20.5, Verdict.OK));
    }

    @ParameterizedTest(name = "{1} {0} 10..20")
    @MethodSource("bandComparisons")
    void comparesWithTheBand(Comparison comparison, double value, Verdict expected) {
        var criteria = new EvaluationCriteria(comparison, 2, 1, 1, TreatMissingData.MISSING);
        var range = new EvaluationRange(List.of(new Reading(value, new Band(10, 20), null)));
        assertEquals(expected, evaluator.evaluate(range, criteria).verdict());
    }

    @org.junit.jupiter.api.Test
    void aValueWithoutItsBandCannotBeJudgedAndCountsAsMissing() {
        var criteria = new EvaluationCriteria(Comparison.GreaterThanUpperThreshold, 2, 1, 1, TreatMissingData.MISSING);
        var training = new EvaluationRange(List.of(new Reading(99.0, null, null)));
        assertEquals(Verdict.INSUFFICIENT_DATA, evaluator.evaluate(training, criteria).verdict());
        var breaching = new EvaluationCriteria(Comparison.GreaterThanUpperThreshold, 2, 1, 1, TreatMissingData.BREACHING);
        assertEquals(Verdict.ALARM, evaluator.evaluate(training, breaching).verdict(), "missing treated as breaching");
    }

    static Stream<Arguments> sampleCounts() {
        // p99 needs 1,000 samples: exactly at the boundary counts
        return Stream.of(
                Arguments.of(1000L, 999.0, Verdict.KEEP),
                Arguments.of(1000L, 1000.0, Verdict.ALARM),
                Arguments.of(1000L, 5000.0, Verdict.ALARM),
                Arguments.of(1000L, null, Verdict.ALARM),
                Arguments.of(0L, 3.0, Verdict.ALARM));
    }

    @ParameterizedTest(name = "minimum {0}, {1} samples")
    @MethodSource("sampleCounts")
    void ignoresAPercentileOfTooFewSamples(long minimum, Double samples, Verdict expected) {
        var criteria = new EvaluationCriteria(Comparison.GreaterThanThreshold, 10, 1, 1, TreatMissingData.MISSING, minimum);
        var range = new EvaluationRange(List.of(new Reading(100.0, null, samples)));
        assertEquals(expected, evaluator.evaluate(range, criteria).verdict());
    }

    @org.junit.jupiter.api.Test
    void onlyTheNewestPeriodsSampleCountKeepsTheState() {
        var criteria = new EvaluationCriteria(Comparison.GreaterThanThreshold, 10, 2, 2, TreatMissingData.MISSING, 1000);
        var olderThin = new EvaluationRange(List.of(new Reading(100.0, null, 10.0), new Reading(100.0, null, 2000.0)));
        assertEquals(Verdict.ALARM, evaluator.evaluate(olderThin, criteria).verdict());
        var newestThin = new EvaluationRange(List.of(new Reading(100.0, null, 2000.0), new Reading(1.0, null, 10.0)));
        var outcome = evaluator.evaluate(newestThin, criteria);
        assertEquals(Verdict.KEEP, outcome.verdict());
        assertEquals("the newest datapoint summarises 10 samples, fewer than the 1000 its percentile needs; state kept"
                + " (evaluate_low_sample_count_percentile: ignore)", outcome.reason());
    }

    private Verdict verdict(List<Double> range, int m, TreatMissingData mode) {
        var criteria = new EvaluationCriteria(Comparison.GreaterThanThreshold, 10, 3, m, mode);
        return evaluator.evaluate(range, criteria).verdict();
    }

    /** "0 - X" → [1.0, null, 100.0] against a threshold of 10. */
    static List<Double> parse(String points) {
        List<Double> out = new ArrayList<>();
        for (String p : points.trim().split("\\s+")) {
            out.add(switch (p) {
                case "0" -> 1.0;
                case "X" -> 100.0;
                case "-" -> null;
                default -> throw new IllegalArgumentException(p);
            });
        }
        return out;
    }
}
