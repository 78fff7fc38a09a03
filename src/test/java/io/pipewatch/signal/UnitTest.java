package io.pipewatch.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Numbers as people read them at 03:00, and which unit each known metric is in. */
class UnitTest {

    @Test
    void durationsReadInTheLargestUnitsThatMatter() {
        assertEquals("850 ms", Unit.MILLISECONDS.format(850));
        assertEquals("2.5 ms", Unit.MILLISECONDS.format(2.5));
        assertEquals("4.5 s", Unit.MILLISECONDS.format(4_500));
        assertEquals("45 s", Unit.MILLISECONDS.format(45_000));
        assertEquals("2 min 5 s", Unit.MILLISECONDS.format(125_000));
        assertEquals("12 min", Unit.MILLISECONDS.format(720_000));
        assertEquals("2 h 5 min", Unit.MILLISECONDS.format(7_500_000));
        assertEquals("12 h", Unit.MILLISECONDS.format(43_200_000));
        assertEquals("1 d 3 h", Unit.MILLISECONDS.format(97_200_000));
        assertEquals("45 s", Unit.SECONDS.format(45));
        assertEquals("-3 s", Unit.MILLISECONDS.format(-3_000));
    }

    @Test
    void percentagesCountsRatesAndSizes() {
        assertEquals("10.3 %", Unit.PERCENT.format(10.34));
        assertEquals("85 %", Unit.PERCENT.format(85.0));
        assertEquals("100 %", Unit.PERCENT.format(99.96));
        assertEquals("45,000", Unit.COUNT.format(45_000));
        assertEquals("0.5", Unit.COUNT.format(0.5));
        assertEquals("1,235", Unit.COUNT.format(1234.6));
        assertEquals("1,200/s", Unit.PER_SECOND.format(1200));
        assertEquals("512 B", Unit.BYTES.format(512));
        assertEquals("1.2 MB", Unit.BYTES.format(1_234_567));
        assertEquals("10.34", Unit.NONE.format(10.3449));
        assertEquals("3", Unit.NONE.format(3.0));
        assertEquals("NaN", Unit.NONE.format(Double.NaN));
    }

    @Test
    void theYamlSpellsUnitsAsPeopleDo() {
        assertEquals(Unit.MILLISECONDS, Unit.spellings().get("ms"));
        assertEquals(Unit.PERCENT, Unit.spellings().get("percent"));
        assertEquals(Unit.PER_SECOND, Unit.spellings().get("count/s"));
    }

    @Test
    void knownMetricsSayTheirUnit() {
        assertEquals(Unit.MILLISECONDS, unit("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "Maximum"));
        assertEquals(Unit.MILLISECONDS, unit("AWS/Lambda", "Duration", "p99"));
        assertEquals(Unit.MILLISECONDS, unit("AWS/Lambda", "IteratorAge", "Maximum"));
        assertEquals(Unit.MILLISECONDS, unit("Pipewatch/Streams", "RecordAge", "Maximum"));
        assertEquals(Unit.MILLISECONDS, unit("Pipewatch/Streams", "ReadLag", "Maximum"));
        assertEquals(Unit.BYTES, unit("AWS/Kinesis", "IncomingBytes", "Sum"));
        assertEquals(Unit.PERCENT, unit("AWS/Lambda", "ProvisionedConcurrencyUtilization", "Maximum"));
        assertEquals(Unit.COUNT, unit("AWS/Lambda", "Errors", "Sum"));
        assertEquals(Unit.COUNT, unit("AWS/Lambda", "Duration", "SampleCount"), "a sample count counts, whatever the metric");
        assertEquals(Unit.COUNT, unit("StoreTvAdLambdaMetrics", "LateLogCount", "Sum"));
        assertEquals(Unit.NONE, unit("Custom/App", "Temperature", "Average"), "a custom metric's unit is the alarm's to say");
    }

    private static Unit unit(String namespace, String name, String statistic) {
        return KnownMetrics.unitOf(MetricId.of(namespace, name, Map.of()), statistic);
    }
}
