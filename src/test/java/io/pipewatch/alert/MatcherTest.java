package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("severity", "critical", "team", "pipeline", "stage", "ingest");

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "severity=critical        | true",
            "severity=warning         | false",
            "severity!=warning        | true",
            "team=~pipe.*             | true",
            "team=~pipe               | false",
            "team!~pay.*              | true",
            "owner=                   | true",
            "owner!=                  | false",
            "stage=\"ingest\"         | true",
            "' severity = critical '  | true"})
    void matchesLabelsAsAlertmanagerDoes(String text, boolean expected) {
        assertEquals(expected, Matcher.parse(text).matches(LABELS), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "severity                 | is not a matcher",
            "=critical                | is not a matcher",
            "team=~(unclosed          | not a regular expression"})
    void refusesWhatIsNotAMatcherAndSaysWhy(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Matcher.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"team=pipeline", "team!=x", "team=~p.*", "team!~x"})
    void printsAsItIsWritten(String text) {
        assertEquals(text, Matcher.parse(text).toString());
    }
}
