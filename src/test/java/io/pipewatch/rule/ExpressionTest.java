package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    private static final Map<String, Double> VALUES = Map.of("errors", 5.0, "invocations", 200.0, "zero", 0.0);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '=', value = {
            "100 * errors / invocations = 2.5",
            "errors + invocations * 2 = 405",
            "(errors + invocations) * 2 = 410",
            "invocations - errors - 5 = 190",
            "-errors + 10 = 5",
            "errors / invocations / 0.5 = 0.05"})
    void computesWithTheUsualPrecedence(String text, double expected) {
        assertEquals(expected, Expression.parse(text).evaluate(VALUES), 1e-9);
    }

    @Test
    void aMissingInputOrADivisionByZeroLeavesTheDatapointMissing() {
        var rate = Expression.parse("100 * errors / invocations");
        var partial = new HashMap<String, Double>();
        partial.put("errors", 3.0);
        partial.put("invocations", null);
        assertNull(rate.evaluate(partial));
        assertNull(Expression.parse("errors / zero").evaluate(VALUES));
        assertEquals(Set.of("errors", "invocations"), rate.ids());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "errors / | expression ends too early",
            "(errors + 1 | missing ')' at column 12",
            "errors % 2 | unexpected '%' at column 8",
            "errors invocations | unexpected 'i' at column 8",
            "1.2.3 * errors | '1.2.3' is not a number at column 1",
            "errors * . | '.' is not a number at column 10"})
    void pointsAtTheProblem(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Expression.parse(text)).getMessage());
    }

    @Test
    void refusesWhatWouldOverflowTheStackWithAMessageNotAnError() {
        String fiftyDeep = "(".repeat(50) + "errors" + ")".repeat(50);
        assertEquals(5.0, Expression.parse(fiftyDeep).evaluate(VALUES));
        assertEquals("nested deeper than 50 levels at column 51", assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("(".repeat(51) + "errors" + ")".repeat(51))).getMessage());
        assertEquals("nested deeper than 50 levels at column 51", assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("-".repeat(60) + "errors")).getMessage());
        assertEquals("10006 characters is longer than the 2048 an expression may have", assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("(".repeat(5000) + "errors" + ")".repeat(5000))).getMessage());
        assertEquals("number too large at column 1", assertThrows(IllegalArgumentException.class,
                () -> Expression.parse("9".repeat(400) + " * errors")).getMessage());
    }

    @Test
    void theLongestChainAllowedStillEvaluates() {
        String chain = "errors" + " + 1".repeat((Expression.MAX_LENGTH - "errors".length()) / 4);
        assertEquals(5.0 + 510, Expression.parse(chain).evaluate(VALUES));
    }

    @Test
    void readsWithMetricNamesInPlaceOfIds() {
        Expression e = Expression.parse("100 * errors / (errors + invocations) + errors2");
        assertEquals("100 * Errors / (Errors + Invocations) + errors2",
                e.describe(java.util.Map.of("errors", "Errors", "invocations", "Invocations")),
                "whole ids only: errors2 is another id, left as written");
    }
}
