package io.pipewatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiniteNumberTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0 | 0", "30000 | 30000", "-1.5 | -1.5", "+2 | 2", ".5 | 0.5", "5. | 5", "1e6 | 1000000", "2.5E-3 | 0.0025",
            "\" 7 \" | 7", "1.7976931348623157e308 | 1.7976931348623157e308"})
    void acceptsPlainDecimals(String text, double expected) {
        assertEquals(expected, FiniteNumber.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "NaN | 'NaN' is not a number: write a finite decimal such as 0.5, 30000 or 1e6",
            "-.NAN | '-.NAN' is not a number: write a finite decimal such as 0.5, 30000 or 1e6",
            "Infinity | 'Infinity' is infinite: write a finite decimal such as 0.5, 30000 or 1e6",
            "-.inf | '-.inf' is infinite: write a finite decimal such as 0.5, 30000 or 1e6",
            "1e400 | '1e400' is too large: it overflows to infinity; write a finite decimal such as 0.5, 30000 or 1e6",
            "0x1p3 | '0x1p3' is hexadecimal: write the number in decimal",
            "-0X1F | '-0X1F' is hexadecimal: write the number in decimal",
            "1d | '1d' is not a number",
            "2f | '2f' is not a number",
            "1_000 | '1_000' is not a number",
            "zero | 'zero' is not a number",
            "\"\" | '' is not a number"})
    void refusesWhatIsNotAFiniteDecimal(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> FiniteNumber.parse(text)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "3.5 | '3.5' is not a whole number",
            "\u0663 | '\u0663' is not a whole number",
            "0x10 | '0x10' is not a whole number",
            "99999999999 | '99999999999' is too large for a whole number"})
    void wholeNumbersAreAsciiDigitsWithinAnInt(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> FiniteNumber.parseWhole(text)).getMessage());
    }
}
