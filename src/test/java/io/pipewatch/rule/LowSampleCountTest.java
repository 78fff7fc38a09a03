package io.pipewatch.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * "Percentile-based CloudWatch alarms and low data samples": for p in [0.5, 1) a period needs 10/(1−p)
 * samples, for p in (0, 0.5) 10/p. The docs' own example: p99 with fewer than 1,000 samples.
 */
class LowSampleCountTest {

    @ParameterizedTest(name = "{0} needs {1}")
    @CsvSource({
        "p99, 1000", // the documented example, exact although 10/(1-0.99) is 999.99999… in binary
        "p99.9, 10000",
        "p99.99, 100000",
        "p95, 200",
        "p90, 100",
        "p50, 20", // 0.5 belongs to the upper range: 10/(1-0.5)
        "p49, 21", // 10/0.49 = 20.4…: 20 samples are fewer, 21 are not
        "p25, 40",
        "p10, 100",
        "p1, 1000",
        "p33, 31",
        "p75.5, 41"})
    void needsTheDocumentedMinimum(String statistic, long minimum) {
        assertEquals(OptionalLong.of(minimum), LowSampleCount.minimumSamples(statistic));
    }

    @ParameterizedTest
    @CsvSource({"p0", "p100", "Average", "Sum", "SampleCount", "Maximum"})
    void coversOnlyPercentilesStrictlyBetweenZeroAndOne(String statistic) {
        assertEquals(OptionalLong.empty(), LowSampleCount.minimumSamples(statistic));
    }
}
