package io.pipewatch.alarmcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeriesNotationTest {

    static Stream<Arguments> notations() {
        return Stream.of(
                Arguments.of("0+10x5 _ 100", values(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, null, 100.0)),
                Arguments.of("7", values(7.0)),
                Arguments.of("3x2", values(3.0, 3.0, 3.0)),
                Arguments.of("10-2x3", values(10.0, 8.0, 6.0, 4.0)),
                Arguments.of("-1+0.5x2", values(-1.0, -0.5, 0.0)),
                Arguments.of("1 _x3 2", values(1.0, null, null, null, 2.0)),
                Arguments.of("  1.5e3   _  ", values(1500.0, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notations")
    void expandsAsPromtoolDoes(String text, List<Double> expected) {
        assertEquals(expected, SeriesNotation.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 two 3", "1+x3", "", "1x"})
    void refusesWhatItCannotRead(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> SeriesNotation.parse(text));
        assertEquals(true, e.getMessage().contains("is not a number") || e.getMessage().startsWith("no values"), e.getMessage());
    }

    private static List<Double> values(Double... v) {
        return Arrays.asList(v);
    }
}
