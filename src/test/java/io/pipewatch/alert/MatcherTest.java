package io.pipewatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

    private static final Map<String, String> LABELS = Map.of("severity", "critical", "team", "pipeline", "stage", "ingest");
    /** Only a guard: a backtracking engine takes minutes to years on these; RE2/J takes milliseconds. */
    private static final Duration GUARD = Duration.ofSeconds(5);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '¦', value = {
            "severity=critical        ¦ true",
            "severity=warning         ¦ false",
            "severity!=warning        ¦ true",
            "team=~pipe.*             ¦ true",
            "team=~pipe               ¦ false",
            "team!~pay.*              ¦ true",
            "team=~(pipe|pay)line     ¦ true",
            "team=~[a-z]{8}           ¦ true",
            "owner=                   ¦ true",
            "owner!=                  ¦ false",
            "stage=\"ingest\"         ¦ true",
            "' severity = critical '  ¦ true"})
    void matchesLabelsAsAlertmanagerDoes(String text, boolean expected) {
        assertEquals(expected, Matcher.parse(text).matches(LABELS), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "severity                 | is not a matcher",
            "=critical                | is not a matcher",
            "team=~(unclosed          | not a regular expression: missing closing ): `(unclosed`",
            "team=~(a)\\1             | not a regular expression: invalid escape sequence: `\\1`",
            "team=~(?=pipe).*         | not a regular expression: invalid or unsupported Perl syntax: `(?=`",
            "team=~(?<!pay)line       | not a regular expression",
            "team=~a++                | not a regular expression"})
    void refusesWhatIsNotAMatcherAndSaysWhy(String text, String message) {
        var e = assertThrows(IllegalArgumentException.class, () -> Matcher.parse(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        if (message.startsWith("not a regular")) {
            assertTrue(e.getMessage().contains("RE2 syntax: no backreferences or lookaround"), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource({"team=pipeline", "team!=x", "team=~p.*", "team!~x"})
    void printsAsItIsWritten(String text) {
        assertEquals(text, Matcher.parse(text).toString());
    }

    /** The silence from the issue: on java.util.regex, one GET / took 79 s with it. */
    @Test
    void aCatastrophicBacktrackingRegexRunsInLinearTime() {
        Matcher redos = Matcher.parse("alarm=~((\\w+-?)+)+y");
        String adversarial = "stream-consumers-falling-behind-" + "a".repeat(50_000);
        assertTimeoutPreemptively(GUARD, () -> {
            assertFalse(redos.matches(Map.of("alarm", adversarial)));
            assertTrue(redos.matches(Map.of("alarm", adversarial + "y")));
            assertTrue(Matcher.parse("alarm!~((\\w+-?)+)+y").matches(Map.of("alarm", adversarial)));
        });
    }

    @Test
    void aRegexLongerThanTheLimitIsRefusedNamingTheMatcher() {
        var e = assertThrows(IllegalArgumentException.class, () -> Matcher.parse("alarm=~" + "a".repeat(Matcher.MAX_REGEX_LENGTH + 1)));
        assertEquals("'alarm=~…': the regex has 1001 characters; at most 1000", e.getMessage());
        assertEquals("alarm=~" + "a".repeat(1000), Matcher.parse("alarm=~" + "a".repeat(1000)).toString());
    }

    /** RE2/J unrolls counted repetitions while compiling: 33 characters of nested {1000} exhaust the heap. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "alarm=~(((a{1000}){1000}){1000}){1000}",
            "alarm=~((a{100}){100}){100}",
            "alarm=~(a{100}){100}",
            "'alarm!~(x{1,1000}y{0,}){6}'",
            "alarm=~[a-z]{1000}[0-9]{1000}[A-Z]{1000}[a-z]{1000}[0-9]{1000}z"})
    void aRegexThatUnrollsTooFarIsRefusedBeforeItIsCompiled(String text) {
        var e = assertTimeoutPreemptively(GUARD, () -> assertThrows(IllegalArgumentException.class, () -> Matcher.parse(text)));
        assertTrue(e.getMessage().contains("repeats too much"), e.getMessage());
        assertTrue(e.getMessage().startsWith("'alarm"), e.getMessage());
    }

    @Test
    void realisticRegexesFitEasily() {
        String names = IntStream.range(0, 60).mapToObj(i -> "pipeline-" + i).collect(Collectors.joining("|", "(", ")"));
        assertTrue(names.length() < Matcher.MAX_REGEX_LENGTH, "length " + names.length());
        assertTrue(Matcher.parse("alarm=~" + names + "-(errors|throttles)").matches(Map.of("alarm", "pipeline-42-errors")));
        assertTrue(Matcher.parse("alarm=~a{1000}").matches(Map.of("alarm", "a".repeat(1000))));
        assertTrue(Matcher.parse("alarm=~[{]x{2,}\\{}").matches(Map.of("alarm", "{xxx{}")), "literal braces are not repeats");
    }
}
