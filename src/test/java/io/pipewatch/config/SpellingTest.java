package io.pipewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpellingTest {

    private static final List<String> ALARM_KEYS = List.of("name", "summary", "severity", "metric", "statistic", "expression",
            "metrics", "period", "comparison", "threshold", "evaluation_periods", "datapoints_to_alarm", "treat_missing_data",
            "runbook", "dashboard", "labels", "evaluated_by", "keep_firing_for");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "evalution_periods, evaluation_periods",
            "evaluation_period, evaluation_periods",
            "treshold, threshold",
            "thershold, threshold",
            "Threshold, threshold",
            "sumary, summary",
            "statistics, statistic",
            "expresion, expression",
            "runbok, runbook",
            "nmae, name",
            "labls, labels",
            "owner, -",
            "colour, -",
            "team, -",
            "description, -",
            "x, -"})
    void suggestsOnlyATypoOfAKnownKey(String typo, String expected) {
        assertEquals(expected.equals("-") ? Optional.empty() : Optional.of(expected), Spelling.nearest(typo, ALARM_KEYS));
    }
}
