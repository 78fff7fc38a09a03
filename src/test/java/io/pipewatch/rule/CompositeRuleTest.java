package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pipewatch.rule.CompositeRule.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** CloudWatch's AlarmRule grammar, the examples of PutCompositeAlarm's documentation among them. */
class CompositeRuleTest {

    /** a in ALARM, b in OK, c in INSUFFICIENT_DATA. */
    private static final Map<String, State> STATES = Map.of("a", State.ALARM, "b", State.OK, "c", State.INSUFFICIENT_DATA,
            "CPUUtilizationTooHigh", State.ALARM, "DiskReadOpsTooHigh", State.OK, "Deployment In Progress", State.ALARM);

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("ALARM(a)", true),
                Arguments.of("OK(a)", false),
                Arguments.of("OK(b)", true),
                Arguments.of("INSUFFICIENT_DATA(c)", true),
                Arguments.of("ALARM(c)", false),
                Arguments.of("TRUE", true),
                Arguments.of("FALSE", false),
                Arguments.of("ALARM(\"a\") AND OK(\"b\")", true),
                Arguments.of("ALARM(a) AND NOT OK(b)", false),
                Arguments.of("NOT ALARM(b)", true),
                Arguments.of("NOT NOT ALARM(a)", true),
                // NOT binds tightest, then AND, then OR (AWS documents none; the usual order)
                Arguments.of("ALARM(b) AND ALARM(a) OR TRUE", true),
                Arguments.of("ALARM(b) AND (ALARM(a) OR TRUE)", false),
                Arguments.of("TRUE OR ALARM(a) AND FALSE", true),
                Arguments.of("NOT ALARM(a) OR OK(b)", true),
                Arguments.of("NOT (ALARM(a) OR OK(b))", false),
                // the documentation's examples
                Arguments.of("ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)", false),
                Arguments.of("ALARM(CPUUtilizationTooHigh) AND NOT ALARM(\"Deployment In Progress\")", false),
                Arguments.of("(ALARM(CPUUtilizationTooHigh) OR ALARM(DiskReadOpsTooHigh)) AND OK(b)", true),
                Arguments.of("  ALARM( a )  ", true),
                Arguments.of("ALARM(unknown)", false));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("rules")
    void evaluatesAsCloudWatchDocuments(String rule, boolean holds) {
        assertEquals(holds, CompositeRule.parse(rule).holds(name -> STATES.getOrDefault(name, State.INSUFFICIENT_DATA)));
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("ALARM(a) AND", "rule ends too early: expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '('"),
                Arguments.of("ALARM(a", "expected ')' at column 8"),
                Arguments.of("FIRING(a)", "expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '(' at column 1"),
                Arguments.of("ALARM()", "an alarm name is missing at column 7"),
                Arguments.of("ALARM(\"a)", "unclosed \" at column 7"),
                Arguments.of("ALARM(a) ALARM(b)", "unexpected 'A' at column 10"),
                Arguments.of("alarm(a)", "expected ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, NOT or '(' at column 1"),
                Arguments.of("(".repeat(60) + "TRUE" + ")".repeat(60), "nested deeper than 50 levels at column 51"),
                Arguments.of("TRUE OR ".repeat(1300) + "TRUE", "10404 characters is longer than CloudWatch's 10240"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("broken")
    void refusesWithThePlace(String rule, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> CompositeRule.parse(rule)).getMessage());
    }

    @org.junit.jupiter.api.Test
    void namesItsChildrenAndRewritesThemQuoted() {
        var rule = CompositeRule.parse("ALARM(a) AND NOT (OK(\"b\") OR ALARM(a))");
        assertEquals(Set.of("a", "b"), rule.children());
        assertEquals(List.of("a", "b"), List.copyOf(rule.children()));
        assertEquals("ALARM(\"pipewatch-a\") AND NOT (OK(\"pipewatch-b\") OR ALARM(\"pipewatch-a\"))",
                rule.renamed(Map.of("a", "pipewatch-a", "b", "pipewatch-b")));
    }

    @org.junit.jupiter.api.Test
    void aCompositeFiresWhileItsRuleHoldsAndSaysWhy() {
        var composite = new Composite(CompositeRule.parse("ALARM(a) AND NOT ALARM(b)"), List.of("a", "b"), Set.of(), "r");
        var firing = composite.evaluate(Map.of("a", State.ALARM, "b", State.OK)::get);
        assertEquals(Verdict.ALARM, firing.verdict());
        assertEquals("the rule holds: a is ALARM, b is OK", firing.reason());
        assertEquals(Verdict.OK, composite.evaluate(Map.of("a", State.ALARM, "b", State.ALARM)::get).verdict());
        assertEquals(Verdict.OK, composite.evaluate(Map.of("a", State.INSUFFICIENT_DATA, "b", State.OK)::get).verdict(),
                "never INSUFFICIENT_DATA itself: its children's lack of data is simply not ALARM");
    }
}
