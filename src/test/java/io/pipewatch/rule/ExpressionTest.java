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
    @CsvSource(delimiter = '|', value = {
            "errors / | expression ends too early",
            "(errors + 1 | missing ')' at column 12",
            "errors % 2 | unexpected '%' at column 8",
            "errors invocations | unexpected 'i' at column 8"})
    void pointsAtTheProblem(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Expression.parse(text)).getMessage());
    }
}
