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
